package dev.clawgate.session;

import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSettings;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The single writer of one session (workflow id {@code session:<key>}). Messages enter through
 * {@link #submit} (update-with-start, update id = idempotency key); turns execute one at a time in
 * acceptance order, shaped by the session's {@link QueuePolicy}.
 */
@WorkflowInterface
public interface SessionWorkflow {

  @WorkflowMethod
  void run(SessionStart start);

  /** Queues a message and returns at once; the run's outcome arrives later by event or {@link #runState}. */
  @UpdateMethod
  SubmitResult submit(InboundMessage message);

  /** Refuses messages that belong to another session before they are written to history. */
  @UpdateValidatorMethod(updateName = "submit")
  void validateSubmit(InboundMessage message);

  /** Stops {@code runId} (null: the running turn) as an interrupt would; waiting runs are removed. */
  @UpdateMethod
  AbortResult abort(String runId);

  /** Changes the session's queue policy for the messages that follow; returns the policy now in force. */
  @UpdateMethod
  QueuePolicy configure(QueuePatch patch);

  /** Replaces the session's heartbeat settings (only agents' main sessions get any); takes effect at once. */
  @UpdateMethod
  HeartbeatSettings configureHeartbeat(HeartbeatSettings settings);

  /** Queues a heartbeat now ({@code wake}), with {@code text} as a system event for it when given. */
  @UpdateMethod
  String wake(String text);

  /** How the last heartbeat went, or null if none ran yet. */
  @QueryMethod
  HeartbeatReport lastHeartbeat();

  @QueryMethod
  RunState runState(String runId);

  @QueryMethod
  SessionStatus status();
}
