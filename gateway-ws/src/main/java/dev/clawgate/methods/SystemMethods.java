package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.protocol.wire.HealthParams;
import dev.clawgate.protocol.wire.SessionDefaults;
import dev.clawgate.protocol.wire.StatusParams;
import dev.clawgate.transcript.SessionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code health} and {@code status}: what operators and monitors ask first. Both follow the shapes OpenClaw's
 * CLI renders (its {@code HealthSnapshot} and status summary); Clawgate's own facts go under {@code clawgate}.
 */
public final class SystemMethods {

  private static final int RECENT = 10;

  private final GatewayServices services;
  private final LongSupplier uptimeMs;

  SystemMethods(GatewayServices services, LongSupplier uptimeMs) {
    this.services = services;
    this.uptimeMs = uptimeMs;
  }

  void register(MethodRegistry registry) {
    registry.register("health", Scopes.READ, HealthParams.class, (call, params) -> call.reply(health()));
    registry.register("status", Scopes.READ, StatusParams.class, (call, params) -> call.reply(status()));
  }

  /** The health snapshot; also part of {@code hello-ok.snapshot}. */
  Map<String, Object> health() {
    long started = System.nanoTime();
    List<SessionInfo> sessions = services.sessionIndex().list();
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("ok", true);
    health.put("ts", System.currentTimeMillis());
    HeartbeatSettings main = services.heartbeats().getOrDefault(services.agents().defaultId(), HeartbeatSettings.OFF);
    health.put("heartbeatSeconds", main.active() ? main.everyMs() / 1000 : 0);
    health.put("defaultAgentId", services.agents().defaultId());
    health.put("channels", Map.of());
    health.put("channelOrder", List.of());
    health.put("channelLabels", Map.of());
    List<Map<String, Object>> agents = new ArrayList<>();
    for (AgentDefinition agent : services.agents().all()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("agentId", agent.id());
      row.put("name", agent.name());
      row.put("isDefault", agent.id().equals(services.agents().defaultId()));
      row.put("heartbeat", heartbeat(agent.id()));
      row.put("sessions", sessionSummary(sessions.stream().filter(s -> agent.id().equals(s.agentId())).toList()));
      agents.add(row);
    }
    health.put("agents", agents);
    health.put("sessions", sessionSummary(sessions));
    health.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    return health;
  }

  private Map<String, Object> status() {
    List<SessionInfo> sessions = services.sessionIndex().list();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("runtimeVersion", services.version());
    List<Map<String, Object>> heartbeats = new ArrayList<>();
    List<Map<String, Object>> byAgent = new ArrayList<>();
    for (AgentDefinition agent : services.agents().all()) {
      Map<String, Object> heartbeat = new LinkedHashMap<>(heartbeat(agent.id()));
      heartbeat.put("agentId", agent.id());
      heartbeat.put("waitingForRoute", false);
      heartbeats.add(heartbeat);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("agentId", agent.id());
      summary.putAll(sessionSummary(sessions.stream().filter(s -> agent.id().equals(s.agentId())).toList()));
      byAgent.add(summary);
    }
    status.put("heartbeat", Map.of("defaultAgentId", services.agents().defaultId(), "agents", heartbeats));
    status.put("channelSummary", List.of());
    status.put("queuedSystemEvents", List.of());
    status.put("degradedSecretOwners", List.of());
    status.put("degradedPlugins", List.of());
    AgentDefinition main = services.agents().resolve(services.agents().defaultId());
    Map<String, Object> sessionBlock = new LinkedHashMap<>(sessionSummary(sessions));
    sessionBlock.put("paths", List.of("sessions"));
    sessionBlock.put("defaults", Map.of("model", services.models().describe(main)));
    sessionBlock.put("byAgent", byAgent);
    status.put("sessions", sessionBlock);
    Map<String, Object> clawgate = new LinkedHashMap<>();
    clawgate.put("version", services.version());
    clawgate.put("uptimeMs", uptimeMs.getAsLong());
    clawgate.put("temporal", Map.of("target", services.temporalTarget(), "durable", services.durable()));
    clawgate.put("model", services.models().describe(main));
    clawgate.put("sessionDefaults", sessionDefaults());
    status.put("clawgate", clawgate);
    return status;
  }

  SessionDefaults sessionDefaults() {
    return SessionDefaults.of(services.agents().defaultId(), services.agents().mainKey());
  }

  /** An agent's heartbeat in the shape OpenClaw's CLI renders. */
  private Map<String, Object> heartbeat(String agentId) {
    HeartbeatSettings settings = services.heartbeats().getOrDefault(agentId, HeartbeatSettings.OFF);
    Map<String, Object> heartbeat = new LinkedHashMap<>();
    heartbeat.put("enabled", settings.active());
    heartbeat.put("every", settings.active() ? (settings.everyMs() / 60_000) + "m" : "0m");
    heartbeat.put("everyMs", settings.active() ? settings.everyMs() : null);
    heartbeat.put("prompt", settings.prompt());
    heartbeat.put("target", settings.target());
    heartbeat.put("ackMaxChars", settings.ackMaxChars());
    return heartbeat;
  }

  private static Map<String, Object> sessionSummary(List<SessionInfo> sessions) {
    long now = System.currentTimeMillis();
    List<Map<String, Object>> recent = new ArrayList<>();
    for (SessionInfo info : sessions.subList(0, Math.min(RECENT, sessions.size()))) {
      recent.add(Map.of("key", info.key(), "updatedAt", info.updatedAt(), "age", Math.max(0, now - info.updatedAt())));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("path", "sessions");
    summary.put("count", sessions.size());
    summary.put("recent", recent);
    return summary;
  }
}
