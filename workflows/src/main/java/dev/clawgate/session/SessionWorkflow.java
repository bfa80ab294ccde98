package dev.clawgate.session;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The single writer of one session (workflow id {@code session:<key>}). Messages enter through
 * {@link #submit} (update-with-start, update id = idempotency key); runs execute one at a time in
 * acceptance order.
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

  @QueryMethod
  RunState runState(String runId);

  @QueryMethod
  SessionStatus status();
}
