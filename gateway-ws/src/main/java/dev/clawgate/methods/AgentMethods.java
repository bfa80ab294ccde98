package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.wire.AgentAccepted;
import dev.clawgate.protocol.wire.AgentFinal;
import dev.clawgate.protocol.wire.AgentParams;
import dev.clawgate.protocol.wire.AgentWaitParams;
import dev.clawgate.protocol.wire.AgentWaitResult;
import dev.clawgate.protocol.wire.AgentsListParams;
import dev.clawgate.protocol.wire.AgentsListResult;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.RunDirectory;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code agent}, {@code agent.wait} and {@code agents.list}. An {@code agent} request is answered twice on
 * the same id: {@code accepted} as soon as the session has queued it durably, then the final result.
 */
public final class AgentMethods {

  /** How much earlier than the transport's limit an {@code agent.wait} that is still waiting answers "timeout". */
  static final long WAIT_ANSWER_MARGIN_MS = 1_000;

  private final GatewayServices services;
  private final RunWaiter waiter;
  private final RunDirectory runs;
  private final RunFollower follower;

  AgentMethods(GatewayServices services, RunWaiter waiter, RunDirectory runs, RunFollower follower) {
    this.services = services;
    this.waiter = waiter;
    this.runs = runs;
    this.follower = follower;
  }

  void register(MethodRegistry registry) {
    registry.register("agent", Scopes.WRITE, AgentParams.class, this::agent);
    registry.register("agent.wait", Scopes.WRITE, AgentWaitParams.class, this::agentWait);
    registry.register("agents.list", Scopes.READ, AgentsListParams.class, this::agentsList);
  }

  private void agent(Call call, AgentParams params) {
    String message = params.message();
    String runId = params.idempotencyKey();
    AgentDefinition agent = resolveAgent(params.agentId());
    SessionKey key = params.sessionKey() == null ? SessionKey.main(agent.id(), services.agents().mainKey())
        : SessionKey.parse(params.sessionKey(), agent.id());
    Integer timeoutSeconds = params.timeout();
    runs.remember(runId, key.value());

    RunFollower.Following following = follower.follow(call, key, runId, agent.id(), timeoutSeconds);
    SubmitResult submitted;
    try {
      submitted = services.sessions().submit(InboundMessage.message(runId, key, message, "agent",
          System.currentTimeMillis()));
    } catch (RuntimeException e) {
      following.stop();
      throw e;
    }
    if (submitted.status() == SubmitResult.Status.DONE || submitted.status() == SubmitResult.Status.DROPPED) {
      following.stop();
      call.reply(EventPayloads.agentFinal(submitted.outcome(), agent.id()));
      return;
    }
    if (submitted.status() == SubmitResult.Status.IN_FLIGHT) {
      following.stop();
      // The session may not have recorded the end of a run whose final answer this gateway already sent.
      call.reply(services.hub().recentOutcome(key.value(), runId)
          .<Object>map(ended -> EventPayloads.agentFinal(ended, agent.id()))
          .orElseGet(() -> AgentFinal.inFlight(runId, key.value())));
      return;
    }
    call.reply(AgentAccepted.of(runId, key.value(), agent.id(), System.currentTimeMillis(),
        submitted.queuePosition(), submitted.acceptedSeq()));
    following.release();
  }

  private void agentWait(Call call, AgentWaitParams params) {
    String runId = params.runId();
    int asked = params.timeoutMs() == null ? AgentWaitParams.DEFAULT_TIMEOUT_MS : params.timeoutMs();
    // Answer "timeout" (the run goes on; wait again) before a stateless front gives up on the request with an error.
    long timeoutMs = Math.max(0, Math.min(asked, call.answerWithinMs() - WAIT_ANSWER_MARGIN_MS));
    String known = params.sessionKey() != null ? params.sessionKey() : runs.sessionOf(runId).orElse(null);
    SessionKey key = known != null ? SessionKey.parse(known, services.agents().defaultId())
        : SessionKey.main(services.agents().defaultId(), services.agents().mainKey());
    CompletableFuture<RunOutcome> outcome = waiter.await(key, runId, null);
    call.connection().onClose(() -> outcome.cancel(false));
    waiter.onTimeout(outcome, timeoutMs, () -> call.reply(new AgentWaitResult(runId, "timeout", null, null, null)));
    outcome.thenAccept(done -> call.reply(new AgentWaitResult(runId, done.ok() ? "ok" : done.status(),
        done.startedAtMs(), done.endedAtMs(), done.ok() ? null : done.error())));
  }

  private void agentsList(Call call, AgentsListParams params) {
    List<AgentsListResult.Agent> agents = new ArrayList<>();
    for (AgentDefinition agent : services.agents().all()) {
      agents.add(new AgentsListResult.Agent(agent.id(), agent.name(), agent.workspace().toString(),
          new AgentsListResult.Model(services.models().describe(agent))));
    }
    call.reply(new AgentsListResult(services.agents().defaultId(), services.agents().mainKey(), "per-sender",
        agents));
  }

  private AgentDefinition resolveAgent(String agentId) {
    if (agentId == null || agentId.isEmpty()) {
      return services.agents().resolve(services.agents().defaultId());
    }
    return services.agents().find(agentId).orElseThrow(() -> new GatewayException(
        GatewayError.invalidRequest(ErrorCodes.UNKNOWN_AGENT, "unknown agent: " + agentId)));
  }
}
