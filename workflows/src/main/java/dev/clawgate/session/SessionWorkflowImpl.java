package dev.clawgate.session;

import dev.clawgate.agent.AgentActivities;
import dev.clawgate.agent.ModelStepRequest;
import dev.clawgate.agent.ModelStepResult;
import dev.clawgate.tools.ToolActivities;
import dev.clawgate.tools.ToolCallRequest;
import dev.clawgate.transcript.ToolCall;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * The session's main loop: wait for a message, run it to the end, record the outcome, repeat. The agent
 * loop lives here; each model call and each tool call is its own activity, so a crash resumes at the step it
 * was on and finished tool calls are never repeated.
 *
 * <p>The loop blocks on {@code Workflow.await(condition)} only, never on an await with a timeout: in SDK
 * 1.39 the latter leaves a durable timer behind on every wake-up.
 */
public class SessionWorkflowImpl implements SessionWorkflow {

  /** A run that keeps asking for tools past this many model calls is stopped with an error. */
  static final int MAX_STEPS = 24;

  private final AgentActivities agent = Workflow.newActivityStub(AgentActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofSeconds(20))
              .setMaximumAttempts(4)
              .setDoNotRetry(AgentActivities.NO_MODEL)
              .build())
          .build());

  private final ToolActivities tools = Workflow.newActivityStub(ToolActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build());

  private final SessionActivities session = Workflow.newActivityStub(SessionActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).build())
          .build());

  private final SessionKey key;
  private final SessionQueue queue;

  @WorkflowInit
  public SessionWorkflowImpl(SessionStart start) {
    this.key = new SessionKey(start.sessionKey());
    this.queue = new SessionQueue(start.carried(), SessionQueue.DEFAULT_FINISHED_MEMORY);
  }

  @Override
  public void run(SessionStart start) {
    while (true) {
      Workflow.await(queue::hasPending);
      InboundMessage next = queue.startNext();
      RunOutcome outcome = next.kind() == InboundMessage.Kind.RESET ? reset(next) : runTurn(next);
      queue.finish(outcome);
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new SessionStart(key.value(), queue.snapshot()));
      }
    }
  }

  @Override
  public SubmitResult submit(InboundMessage message) {
    return queue.offer(message);
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
  public RunState runState(String runId) {
    return queue.state(runId);
  }

  @Override
  public SessionStatus status() {
    return new SessionStatus(key.value(), queue.active().map(InboundMessage::runId).orElse(null),
        queue.pendingRunIds());
  }

  private RunOutcome runTurn(InboundMessage message) {
    String agentId = key.agentId();
    long startedAt = Workflow.currentTimeMillis();
    long inputTokens = 0;
    long outputTokens = 0;
    try {
      for (int step = 0; step < MAX_STEPS; step++) {
        ModelStepResult result = agent.modelStep(new ModelStepRequest(key.value(), agentId, message.runId(), step,
            message.text(), startedAt, inputTokens, outputTokens));
        inputTokens += result.inputTokens();
        outputTokens += result.outputTokens();
        if (result.isFinal()) {
          return new RunOutcome(message.runId(), key.value(), RunOutcome.OK, result.text(), null, startedAt,
              Workflow.currentTimeMillis(), inputTokens, outputTokens);
        }
        for (ToolCall call : result.toolCalls()) {
          tools.runTool(new ToolCallRequest(key.value(), agentId, message.runId(), step, call));
        }
      }
      return fail(agentId, message, startedAt, inputTokens, outputTokens,
          "stopped after " + MAX_STEPS + " model calls without a final answer");
    } catch (ActivityFailure failure) {
      return fail(agentId, message, startedAt, inputTokens, outputTokens, describe(failure));
    }
  }

  private RunOutcome fail(String agentId, InboundMessage message, long startedAt, long in, long out, String error) {
    RunOutcome outcome = new RunOutcome(message.runId(), key.value(), RunOutcome.ERROR, "", error, startedAt,
        Workflow.currentTimeMillis(), in, out);
    session.finishRun(agentId, outcome);
    return outcome;
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
