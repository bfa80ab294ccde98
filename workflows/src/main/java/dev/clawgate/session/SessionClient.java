package dev.clawgate.session;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.util.Optional;

/**
 * How the gateway talks to sessions: submit a message (update-with-start, so the first message also creates
 * the session's workflow), and ask where a run is.
 */
public final class SessionClient {

  private final WorkflowClient client;
  private final String taskQueue;
  private final QueuePolicy defaultPolicy;

  /** @param defaultPolicy the queue policy a session starts with (the gateway's configured defaults) */
  public SessionClient(WorkflowClient client, String taskQueue, QueuePolicy defaultPolicy) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.defaultPolicy = defaultPolicy;
  }

  /** Queues a message durably; returns once the session has accepted (or recognised) it. */
  public SubmitResult submit(InboundMessage message) {
    SessionKey key = new SessionKey(message.sessionKey());
    SessionWorkflow stub = client.newWorkflowStub(SessionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    WithStartWorkflowOperation<Void> start = new WithStartWorkflowOperation<>(stub::run, SessionStart.fresh(key, defaultPolicy));
    UpdateOptions<SubmitResult> options = UpdateOptions.<SubmitResult>newBuilder()
        .setUpdateName("submit")
        .setUpdateId(message.runId())
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .setResultClass(SubmitResult.class)
        .build();
    SubmitResult result = WorkflowClient.startUpdateWithStart(stub::submit, message, options, start).getResult();
    if (result.status() == SubmitResult.Status.ACCEPTED && result.acceptedAtMs() != message.acceptedAtMs()) {
      // The server recognised the update id and echoed the first submission's answer: this is a repeat.
      RunState state = runState(key, message.runId());
      return state.isDone() ? SubmitResult.done(state.outcome()) : SubmitResult.inFlight(message.runId());
    }
    return result;
  }

  /** Stops a run (null: whatever runs now); a session never started has nothing to abort. */
  public AbortResult abort(SessionKey key, String runId) {
    try {
      return existing(key).abort(runId);
    } catch (WorkflowNotFoundException notStarted) {
      return new AbortResult(false, java.util.List.of());
    }
  }

  /** Changes a session's queue policy, starting the session if it has never run. */
  public QueuePolicy configure(SessionKey key, QueuePatch patch) {
    SessionWorkflow stub = client.newWorkflowStub(SessionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    WithStartWorkflowOperation<Void> start = new WithStartWorkflowOperation<>(stub::run,
        SessionStart.fresh(key, defaultPolicy));
    UpdateOptions<QueuePolicy> options = UpdateOptions.<QueuePolicy>newBuilder()
        .setUpdateName("configure")
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .setResultClass(QueuePolicy.class)
        .build();
    return WorkflowClient.executeUpdateWithStart(stub::configure, patch, options, start);
  }

  /** Where a run is; {@code unknown} when the session has never been started. */
  public RunState runState(SessionKey key, String runId) {
    try {
      return existing(key).runState(runId);
    } catch (WorkflowNotFoundException notStarted) {
      return new RunState(runId, RunState.UNKNOWN, null);
    }
  }

  public Optional<SessionStatus> status(SessionKey key) {
    try {
      return Optional.of(existing(key).status());
    } catch (WorkflowNotFoundException notStarted) {
      return Optional.empty();
    }
  }

  private SessionWorkflow existing(SessionKey key) {
    return client.newWorkflowStub(SessionWorkflow.class, key.workflowId());
  }
}
