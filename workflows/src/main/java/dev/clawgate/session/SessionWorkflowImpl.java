package dev.clawgate.session;

import dev.clawgate.agent.AgentActivities;
import dev.clawgate.agent.ModelStepRequest;
import dev.clawgate.agent.ModelStepResult;
import dev.clawgate.agent.UserInput;
import dev.clawgate.tools.ToolActivities;
import dev.clawgate.tools.ToolCallRequest;
import dev.clawgate.transcript.ToolCall;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import dev.clawgate.heartbeat.HeartbeatEntries;
import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSchedule;
import dev.clawgate.heartbeat.HeartbeatSettings;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's main loop: wait for a message, run its turn to the end, record the outcome, repeat. The agent
 * loop lives here; each model call and each tool call is its own activity, so a crash resumes at the step it
 * was on and finished tool calls are never repeated.
 *
 * <p>A turn runs in its own cancellation scope: an {@code interrupt} message or an abort cancels the scope,
 * the model activity (cancellation type TRY_CANCEL, short heartbeats) is abandoned at once and told to stop at
 * its next heartbeat, and the session moves on.
 *
 * <p>The loop blocks on {@code Workflow.await(condition)} only, never on an await with a timeout: in SDK
 * 1.39 the latter leaves a durable timer behind on every wake-up.
 */
public class SessionWorkflowImpl implements SessionWorkflow {

  /** A run that keeps asking for tools past this many model calls is stopped with an error. */
  static final int MAX_STEPS = 24;
  /** Start a fresh history after this many turns even if the server has not suggested it yet. */
  static final int MAX_TURNS_PER_HISTORY = 500;
  /** Model steps run on their own task queue, so a worker can cap how many run at once across sessions. */
  public static final String MODEL_QUEUE_SUFFIX = "-model";

  private final AgentActivities agent = Workflow.newActivityStub(AgentActivities.class,
      ActivityOptions.newBuilder()
          .setTaskQueue(Workflow.getInfo().getTaskQueue() + MODEL_QUEUE_SUFFIX)
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          // Generous, so a worker that just restarted is not declared dead; cancellation does not wait for it:
          // TRY_CANCEL frees the turn at once and the worker's 500 ms heartbeat throttle stops the stream.
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofSeconds(20))
              .setMaximumAttempts(6)
              .setDoNotRetry(AgentActivities.NO_MODEL)
              .build())
          .build());

  private final ToolActivities tools = Workflow.newActivityStub(ToolActivities.class,
      ActivityOptions.newBuilder()
          // Workspace tools are file operations that take milliseconds. This is also how long a turn waits when
          // the worker died mid-tool before the call is retried (and reported as interrupted, not repeated),
          // so it is short: it was two minutes, which stalled the session that long after a crash.
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build());

  private final SessionActivities session = Workflow.newActivityStub(SessionActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).build())
          .build());

  private final SessionKey key;
  private final SessionQueue queue;
  private QueuePolicy policy;
  private HeartbeatSettings heartbeat;
  private long lastHeartbeatAt;
  private HeartbeatReport lastHeartbeat;
  private int heartbeatVersion;
  private String wakeText;
  private boolean wakeRequested;
  private boolean heartbeatLoopStarted;
  private CancellationScope activeScope;
  private String cancelReason;
  private long lastAcceptedAt;
  private int turnsThisHistory;

  @WorkflowInit
  public SessionWorkflowImpl(SessionStart start) {
    this.key = new SessionKey(start.sessionKey());
    this.policy = start.policy();
    this.heartbeat = start.heartbeat();
    this.lastHeartbeatAt = start.lastHeartbeatAt();
    this.lastHeartbeat = start.lastHeartbeat();
    this.queue = new SessionQueue(start.carried(), SessionQueue.DEFAULT_FINISHED_MEMORY);
  }

  @Override
  public void run(SessionStart start) {
    startHeartbeatLoopIfNeeded();
    while (true) {
      Workflow.await(queue::hasPending);
      debounce();
      Turn turn = queue.startNext(policy.mode());
      RunOutcome outcome;
      switch (turn.lead().kind()) {
        case RESET:
          outcome = reset(turn.lead());
          break;
        case DELETE:
          session.deleteSession(key.value(), turn.lead().runId());
          outcome = new RunOutcome(turn.lead().runId(), key.value(), RunOutcome.OK, "", null,
              Workflow.currentTimeMillis(), Workflow.currentTimeMillis(), 0, 0);
          break;
        case HEARTBEAT:
          outcome = runTurn(turn, true);
          reportHeartbeat(turn.lead(), outcome);
          break;
        default:
          outcome = runTurn(turn, false);
          break;
      }
      queue.finish(outcome);
      turnsThisHistory++;
      if (Workflow.getInfo().isContinueAsNewSuggested() || turnsThisHistory >= MAX_TURNS_PER_HISTORY) {
        // Updates cannot be carried over: let every handler finish, then carry the queue in the input.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new SessionStart(key.value(), policy, heartbeat, lastHeartbeatAt, lastHeartbeat,
            queue.snapshot()));
      }
    }
  }

  @Override
  public SubmitResult submit(InboundMessage message) {
    SubmitResult result = queue.offer(message, policy, Workflow.currentTimeMillis());
    if (result.status() == SubmitResult.Status.ACCEPTED) {
      lastAcceptedAt = Workflow.currentTimeMillis();
      if (message.effectiveMode(policy.mode()) == QueueMode.INTERRUPT) {
        cancelActive("interrupted by " + message.runId());
      }
    }
    return result;
  }

  @Override
  public void validateSubmit(InboundMessage message) {
    if (message == null || message.runId() == null || message.runId().isBlank()) {
      throw new IllegalArgumentException("a message needs a run id (the idempotency key)");
    }
    if (!key.value().equals(message.sessionKey())) {
      throw new IllegalArgumentException("message for session " + message.sessionKey() + " sent to " + key);
    }
  }

  @Override
  public AbortResult abort(String runId) {
    List<String> aborted = queue.abort(runId, Workflow.currentTimeMillis());
    if (!aborted.isEmpty() && queue.active().map(t -> t.lead().runId().equals(aborted.get(0))).orElse(false)) {
      cancelActive("aborted");
    }
    return new AbortResult(!aborted.isEmpty(), aborted);
  }

  @Override
  public QueuePolicy configure(QueuePatch patch) {
    policy = policy.with(patch);
    return policy;
  }

  @Override
  public HeartbeatSettings configureHeartbeat(HeartbeatSettings settings) {
    heartbeat = settings;
    heartbeatVersion++;
    startHeartbeatLoopIfNeeded();
    return heartbeat;
  }

  @Override
  public String wake(String text) {
    wakeText = text;
    wakeRequested = true;
    heartbeatVersion++;
    startHeartbeatLoopIfNeeded();
    return HeartbeatEntries.RUN_ID_PREFIX + "wake:" + Workflow.currentTimeMillis();
  }

  @Override
  public HeartbeatReport lastHeartbeat() {
    return lastHeartbeat;
  }

  @Override
  public RunState runState(String runId) {
    return queue.state(runId);
  }

  @Override
  public SessionStatus status() {
    return new SessionStatus(key.value(), queue.active().map(t -> t.lead().runId()).orElse(null),
        queue.pendingRunIds(), policy);
  }

  /**
   * The heartbeat timer runs as its own procedure beside the main loop, started only once a session has
   * heartbeats (most sessions never do, and each running procedure holds a workflow thread).
   */
  private void startHeartbeatLoopIfNeeded() {
    if (!heartbeatLoopStarted && (heartbeat.active() || wakeRequested)) {
      heartbeatLoopStarted = true;
      Async.procedure(this::heartbeatLoop);
    }
  }

  /**
   * Sleeps until the next heartbeat is due and queues it. A settings change or a wake cancels the pending timer
   * (so no timer is left behind) and the loop recomputes. A heartbeat is not queued while another still waits.
   */
  private void heartbeatLoop() {
    while (true) {
      int version = heartbeatVersion;
      if (wakeRequested) {
        wakeRequested = false;
        String text = wakeText;
        wakeText = null;
        queueHeartbeat(text);
        continue;
      }
      if (!heartbeat.active()) {
        Workflow.await(() -> heartbeatVersion != version);
        continue;
      }
      long now = Workflow.currentTimeMillis();
      long due = HeartbeatSchedule.nextDueMs(heartbeat, lastHeartbeatAt, now);
      if (due > now) {
        CancellationScope wait = Workflow.newCancellationScope(() -> {
          Promise<Void> timer = Workflow.newTimer(Duration.ofMillis(due - now));
          Workflow.await(() -> timer.isCompleted() || heartbeatVersion != version);
        });
        wait.run();
        wait.cancel();
        if (heartbeatVersion != version) {
          continue;
        }
      }
      queueHeartbeat(null);
    }
  }

  private void queueHeartbeat(String systemEvent) {
    long now = Workflow.currentTimeMillis();
    lastHeartbeatAt = now;
    if (queue.hasPendingOfKind(InboundMessage.Kind.HEARTBEAT)) {
      return;
    }
    String prompt = systemEvent == null ? heartbeat.prompt() : "System event: " + systemEvent + "\n\n" + heartbeat.prompt();
    queue.offer(InboundMessage.heartbeat(HeartbeatEntries.RUN_ID_PREFIX + now, key, prompt, now), policy, now);
  }

  private void reportHeartbeat(InboundMessage message, RunOutcome outcome) {
    String status;
    RunOutcome deliver = null;
    if (!outcome.ok()) {
      status = HeartbeatReport.FAILED;
    } else if (HeartbeatSettings.isAck(outcome.text(), heartbeat.ackMaxChars())) {
      status = HeartbeatReport.OK_TOKEN;
    } else if (HeartbeatSettings.TARGET_NONE.equals(heartbeat.target())) {
      status = HeartbeatReport.SKIPPED;
    } else {
      status = HeartbeatReport.SENT;
      deliver = outcome;
    }
    String preview = outcome.ok() ? outcome.text() : outcome.error();
    if (preview != null && preview.length() > 200) {
      preview = preview.substring(0, 200) + "…";
    }
    lastHeartbeat = new HeartbeatReport(key.agentId(), key.value(), message.runId(), status, preview,
        Workflow.currentTimeMillis(), outcome.durationMs());
    session.heartbeatDone(lastHeartbeat, deliver);
  }

  /** Waits until no message has arrived for the debounce window, so bursts become one turn in collect mode. */
  private void debounce() {
    while (policy.debounceMs() > 0) {
      long quietFor = Workflow.currentTimeMillis() - lastAcceptedAt;
      if (quietFor >= policy.debounceMs()) {
        return;
      }
      Workflow.sleep(Duration.ofMillis(policy.debounceMs() - quietFor));
    }
  }

  private void cancelActive(String reason) {
    if (activeScope != null && !activeScope.isCancelRequested()) {
      cancelReason = reason;
      activeScope.cancel(reason);
    }
  }

  private RunOutcome runTurn(Turn turn, boolean quiet) {
    InboundMessage lead = turn.lead();
    String agentId = key.agentId();
    long startedAt = Workflow.currentTimeMillis();
    long[] tokens = new long[2];
    RunOutcome[] result = new RunOutcome[1];
    cancelReason = null;
    activeScope = Workflow.newCancellationScope(() -> {
      try {
        result[0] = agentLoop(turn, agentId, startedAt, tokens, quiet);
      } catch (ActivityFailure failure) {
        if (!(failure.getCause() instanceof CanceledFailure)) {
          result[0] = fail(agentId, lead, startedAt, tokens, RunOutcome.ERROR, describe(failure));
        }
      } catch (CanceledFailure cancelled) {
        // handled below, outside the cancelled scope
      }
    });
    activeScope.run();
    activeScope = null;
    if (result[0] == null) {
      // Cancelled: record it from a scope that is not cancelled, or the recording would be cancelled too.
      RunOutcome[] aborted = new RunOutcome[1];
      Workflow.newDetachedCancellationScope(() -> aborted[0] = fail(agentId, lead, startedAt, tokens,
          RunOutcome.ABORTED, cancelReason == null ? "aborted" : cancelReason)).run();
      return aborted[0];
    }
    return result[0];
  }

  private RunOutcome agentLoop(Turn turn, String agentId, long startedAt, long[] tokens, boolean quiet) {
    InboundMessage lead = turn.lead();
    List<UserInput> inputs = new ArrayList<>();
    for (InboundMessage message : turn.messages()) {
      inputs.add(new UserInput(message.runId(), message.text(), message.acceptedAtMs()));
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      if (step > 0) {
        inputs = new ArrayList<>();
        // A user's steer message must not disappear into a heartbeat's quiet turn: it waits for its own.
        for (InboundMessage steer : quiet ? List.<InboundMessage>of() : queue.takeSteers(policy.mode())) {
          inputs.add(new UserInput(steer.runId(), steer.text(), steer.acceptedAtMs()));
        }
      }
      ModelStepResult result = agent.modelStep(new ModelStepRequest(key.value(), agentId, lead.runId(), step,
          inputs, step == 0 ? turn.droppedNote() : null, startedAt, tokens[0], tokens[1], quiet));
      tokens[0] += result.inputTokens();
      tokens[1] += result.outputTokens();
      if (result.isFinal()) {
        return new RunOutcome(lead.runId(), key.value(), RunOutcome.OK, result.text(), null, startedAt,
            Workflow.currentTimeMillis(), tokens[0], tokens[1]);
      }
      for (ToolCall call : result.toolCalls()) {
        tools.runTool(new ToolCallRequest(key.value(), agentId, lead.runId(), step, call));
      }
    }
    return fail(agentId, lead, startedAt, tokens, RunOutcome.ERROR,
        "stopped after " + MAX_STEPS + " model calls without a final answer");
  }

  private RunOutcome fail(String agentId, InboundMessage message, long startedAt, long[] tokens, String status,
      String error) {
    RunOutcome outcome = new RunOutcome(message.runId(), key.value(), status, "", error, startedAt,
        Workflow.currentTimeMillis(), tokens[0], tokens[1]);
    // The transcript may already hold the run's final reply (recorded by a model step whose completion was
    // lost to a crash); then that is the outcome. Null only when replaying a history from before it was returned.
    RunOutcome recorded = session.finishRun(agentId, outcome);
    return recorded == null ? outcome : recorded;
  }

  private RunOutcome reset(InboundMessage message) {
    long now = Workflow.currentTimeMillis();
    session.resetSession(key.value(), key.agentId(), message.runId());
    return new RunOutcome(message.runId(), key.value(), RunOutcome.OK, "", null, now, Workflow.currentTimeMillis(), 0, 0);
  }

  private static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure) {
      return ((ApplicationFailure) cause).getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
