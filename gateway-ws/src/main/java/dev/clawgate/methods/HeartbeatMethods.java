package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.Params;
import dev.clawgate.session.SessionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code last-heartbeat}, {@code set-heartbeats} and {@code wake}. Heartbeats run inside each agent's main
 * session workflow; these methods read and steer them there.
 */
public final class HeartbeatMethods {

  private final GatewayServices services;

  HeartbeatMethods(GatewayServices services) {
    this.services = services;
  }

  void register(MethodRegistry registry) {
    registry.register("last-heartbeat", Scopes.READ, this::lastHeartbeat);
    registry.register("set-heartbeats", Scopes.ADMIN, this::setHeartbeats);
    registry.register("wake", Scopes.WRITE, this::wake);
  }

  private void lastHeartbeat(Call call) {
    AgentDefinition agent = agent(call.params());
    HeartbeatReport report = services.sessions().lastHeartbeat(mainKey(agent)).orElse(null);
    call.reply(report == null ? Map.of("agentId", agent.id()) : payload(report));
  }

  /** Switches heartbeats on or off for one agent (or all), keeping each agent's interval and prompt. */
  private void setHeartbeats(Call call) {
    Params params = call.params();
    if (!params.node().path("enabled").isBoolean()) {
      throw GatewayException.invalidParams("params.enabled is required (true or false)");
    }
    boolean enabled = params.node().path("enabled").asBoolean();
    List<AgentDefinition> targets = params.optionalString("agentId") == null ? services.agents().all()
        : List.of(agent(params));
    List<Map<String, Object>> agents = new ArrayList<>();
    for (AgentDefinition agent : targets) {
      HeartbeatSettings settings = services.heartbeats().getOrDefault(agent.id(), HeartbeatSettings.OFF)
          .withEnabled(enabled);
      services.heartbeats().put(agent.id(), settings);
      services.sessions().configureHeartbeat(mainKey(agent), settings);
      agents.add(Map.of("agentId", agent.id(), "enabled", settings.active(), "everyMs", settings.everyMs()));
    }
    call.reply(Map.of("ok", true, "enabled", enabled, "agents", agents));
  }

  /** Runs a heartbeat now in the agent's main session, with {@code text} as a system event for it. */
  private void wake(Call call) {
    Params params = call.params();
    AgentDefinition agent = agent(params);
    String mode = params.optionalString("mode");
    if (mode != null && !"now".equals(mode) && !"next-heartbeat".equals(mode)) {
      throw GatewayException.invalidParams("params.mode must be now or next-heartbeat");
    }
    String runId = services.sessions().wake(mainKey(agent), params.optionalString("text"));
    call.reply(Map.of("ok", true, "agentId", agent.id(), "runId", runId));
  }

  static Map<String, Object> payload(HeartbeatReport report) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ts", report.ts());
    payload.put("status", report.status());
    payload.put("agentId", report.agentId());
    payload.put("sessionKey", report.sessionKey());
    payload.put("runId", report.runId());
    payload.put("durationMs", report.durationMs());
    if (report.preview() != null && !HeartbeatReport.OK_TOKEN.equals(report.status())) {
      payload.put("preview", report.preview());
    }
    return payload;
  }

  private AgentDefinition agent(Params params) {
    String agentId = params.optionalString("agentId");
    if (agentId == null) {
      return services.agents().resolve(services.agents().defaultId());
    }
    return services.agents().find(agentId).orElseThrow(() -> new GatewayException(
        GatewayError.invalidRequest(ErrorCodes.UNKNOWN_AGENT, "unknown agent: " + agentId)));
  }

  private SessionKey mainKey(AgentDefinition agent) {
    return SessionKey.main(agent.id(), services.agents().mainKey());
  }
}
