package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.wire.HeartbeatEvent;
import dev.clawgate.protocol.wire.LastHeartbeatParams;
import dev.clawgate.protocol.wire.SetHeartbeatsParams;
import dev.clawgate.protocol.wire.SetHeartbeatsResult;
import dev.clawgate.protocol.wire.WakeParams;
import dev.clawgate.protocol.wire.WakeResult;
import dev.clawgate.session.SessionKey;
import java.util.ArrayList;
import java.util.List;

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
    registry.register("last-heartbeat", Scopes.READ, LastHeartbeatParams.class, this::lastHeartbeat);
    registry.register("set-heartbeats", Scopes.ADMIN, SetHeartbeatsParams.class, this::setHeartbeats);
    registry.register("wake", Scopes.WRITE, WakeParams.class, this::wake);
  }

  private void lastHeartbeat(Call call, LastHeartbeatParams params) {
    AgentDefinition agent = agent(params.agentId());
    HeartbeatReport report = services.sessions().lastHeartbeat(mainKey(agent)).orElse(null);
    call.reply(report == null ? HeartbeatEvent.none(agent.id()) : payload(report));
  }

  /** Switches heartbeats on or off for one agent (or all), keeping each agent's interval and prompt. */
  private void setHeartbeats(Call call, SetHeartbeatsParams params) {
    boolean enabled = params.enabled();
    List<AgentDefinition> targets = params.agentId() == null ? services.agents().all()
        : List.of(agent(params.agentId()));
    List<SetHeartbeatsResult.Agent> agents = new ArrayList<>();
    for (AgentDefinition agent : targets) {
      HeartbeatSettings settings = services.heartbeats().getOrDefault(agent.id(), HeartbeatSettings.OFF)
          .withEnabled(enabled);
      services.heartbeats().put(agent.id(), settings);
      services.sessions().configureHeartbeat(mainKey(agent), settings);
      agents.add(new SetHeartbeatsResult.Agent(agent.id(), settings.active(), settings.everyMs()));
    }
    call.reply(new SetHeartbeatsResult(true, enabled, agents));
  }

  /** Runs a heartbeat now in the agent's main session, with {@code text} as a system event for it. */
  private void wake(Call call, WakeParams params) {
    AgentDefinition agent = agent(params.agentId());
    String runId = services.sessions().wake(mainKey(agent), params.text());
    call.reply(new WakeResult(true, agent.id(), runId));
  }

  static HeartbeatEvent payload(HeartbeatReport report) {
    return new HeartbeatEvent(report.agentId(), report.ts(), report.status(), report.sessionKey(), report.runId(),
        report.durationMs(),
        report.preview() != null && !HeartbeatReport.OK_TOKEN.equals(report.status()) ? report.preview() : null);
  }

  private AgentDefinition agent(String agentId) {
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
