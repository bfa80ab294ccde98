package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.Params;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code agent}, {@code agent.wait} and {@code agents.list}. An {@code agent} request is answered twice on
 * the same id: {@code accepted} as soon as the session has queued it durably, then the final result.
 */
public final class AgentMethods {

  static final long DEFAULT_WAIT_MS = 30_000;

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
    registry.register("agent", Scopes.WRITE, this::agent);
    registry.register("agent.wait", Scopes.WRITE, this::agentWait);
    registry.register("agents.list", Scopes.READ, this::agentsList);
  }

  private void agent(Call call) {
    Params params = call.params();
    String message = params.requiredString("message");
    String runId = params.requiredString("idempotencyKey");
    AgentDefinition agent = resolveAgent(params.optionalString("agentId"));
    String rawKey = params.optionalString("sessionKey");
    SessionKey key = rawKey == null ? SessionKey.main(agent.id(), services.agents().mainKey())
        : SessionKey.parse(rawKey, agent.id());
    Integer timeoutSeconds = params.optionalInt("timeout");
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
      call.reply(Map.of("runId", runId, "status", "in_flight", "sessionKey", key.value()));
      return;
    }
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("runId", runId);
    accepted.put("sessionKey", key.value());
    accepted.put("agentId", agent.id());
    accepted.put("status", "accepted");
    accepted.put("acceptedAt", System.currentTimeMillis());
    accepted.put("queuePosition", submitted.queuePosition());
    accepted.put("queueSeq", submitted.acceptedSeq());
    call.reply(accepted);
    following.release();
  }

  private void agentWait(Call call) {
    Params params = call.params();
    String runId = params.requiredString("runId");
    int timeoutMs = params.intOrDefault("timeoutMs", (int) DEFAULT_WAIT_MS, 0, 600_000);
    String rawKey = params.optionalString("sessionKey");
    String known = rawKey != null ? rawKey : runs.sessionOf(runId);
    SessionKey key = known != null ? SessionKey.parse(known, services.agents().defaultId())
        : SessionKey.main(services.agents().defaultId(), services.agents().mainKey());
    CompletableFuture<RunOutcome> outcome = waiter.await(key, runId, null);
    call.connection().onClose(() -> outcome.cancel(false));
    waiter.timer().schedule(() -> {
      if (outcome.cancel(false)) {
        call.reply(Map.of("runId", runId, "status", "timeout"));
      }
    }, timeoutMs, TimeUnit.MILLISECONDS);
    outcome.thenAccept(done -> {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("runId", runId);
      payload.put("status", done.ok() ? "ok" : done.status());
      payload.put("startedAt", done.startedAtMs());
      payload.put("endedAt", done.endedAtMs());
      if (!done.ok()) {
        payload.put("error", done.error());
      }
      call.reply(payload);
    });
  }

  private void agentsList(Call call) {
    List<Map<String, Object>> agents = new ArrayList<>();
    for (AgentDefinition agent : services.agents().all()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", agent.id());
      row.put("name", agent.name());
      row.put("workspace", agent.workspace().toString());
      row.put("model", Map.of("primary", services.models().describe(agent)));
      agents.add(row);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("defaultId", services.agents().defaultId());
    payload.put("mainKey", services.agents().mainKey());
    payload.put("scope", "per-sender");
    payload.put("agents", agents);
    call.reply(payload);
  }

  private AgentDefinition resolveAgent(String agentId) {
    if (agentId == null || agentId.isEmpty()) {
      return services.agents().resolve(services.agents().defaultId());
    }
    return services.agents().find(agentId).orElseThrow(() -> new GatewayException(
        GatewayError.invalidRequest(ErrorCodes.UNKNOWN_AGENT, "unknown agent: " + agentId)));
  }
}
