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

  public SessionClient(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Queues a message durably; returns once the session has accepted (or recognised) it. */
  public SubmitResult submit(InboundMessage message) {
    SessionKey key = new SessionKey(message.sessionKey());
    SessionWorkflow stub = client.newWorkflowStub(SessionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    WithStartWorkflowOperation<Void> start = new WithStartWorkflowOperation<>(stub::run, SessionStart.fresh(key));
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
