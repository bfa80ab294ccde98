package dev.clawgate.session;

import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSettings;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How the gateway talks to sessions. Everything that changes a session goes through update-with-start, so the
 * first message (or setting) also creates the session's workflow; reads are queries on an existing one.
 */
public final class SessionClient {

  /** Attempts of a submit that keeps failing with a transient server error (see retryingTransientFailures). */
  private static final int SUBMIT_ATTEMPTS = 3;
  private static final long RETRY_PAUSE_MS = 200;

  private final java.util.function.Supplier<WorkflowClient> client;
  private final String taskQueue;
  private final QueuePolicy defaultPolicy;

  /** @param defaultPolicy the queue policy a session starts with (the gateway's configured defaults) */
  public SessionClient(WorkflowClient client, String taskQueue, QueuePolicy defaultPolicy) {
    this(() -> client, taskQueue, defaultPolicy);
  }

  /**
   * A client whose Temporal connection is made on first use ({@code client} is called once): a Lambda function
   * that answers only frames without sessions (the handshake, health) never pays for gRPC's start-up.
   */
  public SessionClient(java.util.function.Supplier<WorkflowClient> client, String taskQueue,
      QueuePolicy defaultPolicy) {
    this.client = memoize(client);
    this.taskQueue = taskQueue;
    this.defaultPolicy = defaultPolicy;
  }

  /**
   * The Temporal client this talks through, made on the first call: for the other clients of the same server
   * (the cron scheduler on Lambda), so a process holds one connection.
   */
  public WorkflowClient workflowClient() {
    return client.get();
  }

  /** Queues a message durably; returns once the session has accepted (or recognised) it. */
  public SubmitResult submit(InboundMessage message) {
    SessionKey key = new SessionKey(message.sessionKey());
    UpdateOptions<SubmitResult> options = UpdateOptions.<SubmitResult>newBuilder()
        .setUpdateName("submit")
        .setUpdateId(message.runId())
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .setResultClass(SubmitResult.class)
        .build();
    SubmitResult result = retryingTransientFailures(() -> withStart(key, (stub, start) ->
        WorkflowClient.startUpdateWithStart(stub::submit, message, options, start).getResult()));
    boolean echoOfAcceptance = result.status() == SubmitResult.Status.ACCEPTED
        && result.acceptedAtMs() != message.acceptedAtMs();
    if (echoOfAcceptance || result.status() == SubmitResult.Status.IN_FLIGHT) {
      // A repeat. The server answers every later update with this id by replaying the first answer it got in
      // this workflow run: "accepted" (a retry of the original send), or "in flight" (the first repeat after
      // continue-as-new carried the message over). Either may be stale by now: ask where the run is.
      RunState state = runState(key, message.runId());
      return state.isDone() ? SubmitResult.done(state.outcome()) : SubmitResult.inFlight(message.runId());
    }
    return result;
  }

  /** Changes a session's queue policy, starting the session if it has never run. */
  public QueuePolicy configure(SessionKey key, QueuePatch patch) {
    return withStart(key, (stub, start) -> WorkflowClient.executeUpdateWithStart(stub::configure, patch,
        completed("configure", QueuePolicy.class), start));
  }

  /** Gives a (main) session its heartbeat settings, starting it if needed; takes effect at once. */
  public HeartbeatSettings configureHeartbeat(SessionKey key, HeartbeatSettings settings) {
    return withStart(key, (stub, start) -> WorkflowClient.executeUpdateWithStart(stub::configureHeartbeat, settings,
        completed("configureHeartbeat", HeartbeatSettings.class), start));
  }

  /** Queues a heartbeat in the session now, with an optional system-event text. */
  public String wake(SessionKey key, String text) {
    return withStart(key, (stub, start) -> WorkflowClient.executeUpdateWithStart(stub::wake, text,
        completed("wake", String.class), start));
  }

  /** Stops a run (null: whatever runs now); a session never started has nothing to abort. */
  public AbortResult abort(SessionKey key, String runId) {
    try {
      return existing(key).abort(runId);
    } catch (WorkflowNotFoundException notStarted) {
      return new AbortResult(false, List.of());
    }
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

  public Optional<HeartbeatReport> lastHeartbeat(SessionKey key) {
    try {
      return Optional.ofNullable(existing(key).lastHeartbeat());
    } catch (WorkflowNotFoundException notStarted) {
      return Optional.empty();
    }
  }

  /**
   * Runs {@code call} again, as a new request, when the server failed it with a transient error after the
   * SDK's own retries. Safe for submits: the update id is the run id, so a message the failed attempt did
   * queue is recognised, not queued twice. A new request matters: the SDK's retries re-send the same start
   * request id, which a server that already started the workflow for it may keep failing (Temporal's test
   * server answers such a retry of update-with-start with an internal error every time).
   */
  private static <R> R retryingTransientFailures(java.util.function.Supplier<R> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= SUBMIT_ATTEMPTS || !TransientFailure.isTransient(e)) {
          throw e;
        }
        try {
          Thread.sleep(RETRY_PAUSE_MS * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private <R> R withStart(SessionKey key, BiFunction<SessionWorkflow, WithStartWorkflowOperation<Void>, R> call) {
    SessionWorkflow stub = client.get().newWorkflowStub(SessionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(key.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    return call.apply(stub, new WithStartWorkflowOperation<>(stub::run, SessionStart.fresh(key, defaultPolicy)));
  }

  private static <R> UpdateOptions<R> completed(String name, Class<R> resultClass) {
    return UpdateOptions.<R>newBuilder()
        .setUpdateName(name)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .setResultClass(resultClass)
        .build();
  }

  private SessionWorkflow existing(SessionKey key) {
    return client.get().newWorkflowStub(SessionWorkflow.class, key.workflowId());
  }

  private static java.util.function.Supplier<WorkflowClient> memoize(java.util.function.Supplier<WorkflowClient> make) {
    return new java.util.function.Supplier<>() {
      private volatile WorkflowClient made;

      @Override
      public WorkflowClient get() {
        WorkflowClient current = made;
        if (current == null) {
          synchronized (this) {
            current = made;
            if (current == null) {
              current = make.get();
              made = current;
            }
          }
        }
        return current;
      }
    };
  }
}
