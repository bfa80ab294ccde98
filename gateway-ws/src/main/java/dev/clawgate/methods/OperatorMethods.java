package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.gateway.LogBuffer;
import dev.clawgate.gateway.Presence;
import dev.clawgate.protocol.wire.ConfigGetParams;
import dev.clawgate.protocol.wire.LogsTailParams;
import dev.clawgate.protocol.wire.LogsTailResult;
import dev.clawgate.protocol.wire.ModelsListParams;
import dev.clawgate.protocol.wire.ModelsListResult;
import dev.clawgate.protocol.wire.SystemPresenceParams;
import dev.clawgate.protocol.wire.UsageStatusParams;
import dev.clawgate.protocol.wire.UsageStatusResult;
import dev.clawgate.transcript.SessionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an operator asks about the gateway itself: {@code system-presence}, {@code models.list},
 * {@code config.get} (secrets redacted), {@code usage.status} (token counts per session, as the model
 * responses reported them) and {@code logs.tail}.
 */
public final class OperatorMethods {

  private final GatewayServices services;
  private final AtomicReference<GatewayCore> core;

  OperatorMethods(GatewayServices services, AtomicReference<GatewayCore> core) {
    this.services = services;
    this.core = core;
  }

  void register(MethodRegistry registry) {
    registry.register("system-presence", Scopes.READ, SystemPresenceParams.class,
        (call, params) -> call.reply(presence()));
    registry.register("models.list", Scopes.READ, ModelsListParams.class, (call, params) -> modelsList(call));
    registry.register("config.get", Scopes.ADMIN, ConfigGetParams.class, (call, params) -> configGet(call));
    registry.register("usage.status", Scopes.READ, UsageStatusParams.class, (call, params) -> usageStatus(call));
    registry.register("logs.tail", Scopes.ADMIN, LogsTailParams.class, this::logsTail);
  }

  private List<Presence> presence() {
    GatewayCore running = core.get();
    return running == null ? List.of() : running.presence();
  }

  /** The models the agents use: each distinct {@code provider:model} once, with the agents that use it. */
  private void modelsList(Call call) {
    Map<String, List<String>> agentsByModel = new LinkedHashMap<>();
    for (AgentDefinition agent : services.agents().all()) {
      String described = services.models().describe(agent);
      if ("none".equals(described)) {
        continue;
      }
      agentsByModel.computeIfAbsent(described.split(" ", 2)[0], label -> new ArrayList<>()).add(agent.id());
    }
    List<ModelsListResult.Model> models = new ArrayList<>(agentsByModel.size());
    agentsByModel.forEach((label, agents) -> {
      int colon = label.indexOf(':');
      models.add(new ModelsListResult.Model(colon >= 0 ? label.substring(colon + 1) : label, label,
          colon >= 0 ? label.substring(0, colon) : "unknown", agents));
    });
    call.reply(new ModelsListResult(models));
  }

  private void configGet(Call call) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("config", services.configView().get());
    payload.put("redacted", true);
    call.reply(payload);
  }

  private void usageStatus(Call call) {
    long input = 0;
    long output = 0;
    List<UsageStatusResult.SessionUsage> sessions = new ArrayList<>();
    for (SessionInfo info : services.sessionIndex().list()) {
      input += info.inputTokens();
      output += info.outputTokens();
      sessions.add(new UsageStatusResult.SessionUsage(info.key(), info.agentId(), info.inputTokens(),
          info.outputTokens(), info.inputTokens() + info.outputTokens(), info.turns()));
    }
    call.reply(new UsageStatusResult(System.currentTimeMillis(),
        new UsageStatusResult.Totals(input, output, input + output), sessions));
  }

  /** The newest log lines after {@code cursor}; pass the answer's {@code cursor} back to follow the log. */
  private void logsTail(Call call, LogsTailParams params) {
    Long cursor = params.cursor();
    int limit = params.limit() == null ? 200 : params.limit();
    List<LogBuffer.Line> lines = LogBuffer.PROCESS.after(cursor == null ? 0 : cursor, limit);
    List<String> texts = new ArrayList<>(lines.size());
    for (LogBuffer.Line line : lines) {
      texts.add(line.text());
    }
    call.reply(new LogsTailResult(LogBuffer.PROCESS.lastCursor(), texts,
        cursor != null && !lines.isEmpty() && lines.get(0).cursor() > cursor + 1));
  }
}
