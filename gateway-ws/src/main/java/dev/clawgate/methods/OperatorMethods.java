package dev.clawgate.methods;

import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.auth.Scopes;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.gateway.LogBuffer;
import dev.clawgate.protocol.wire.ConfigGetParams;
import dev.clawgate.protocol.wire.LogsTailParams;
import dev.clawgate.protocol.wire.ModelsListParams;
import dev.clawgate.protocol.wire.SystemPresenceParams;
import dev.clawgate.protocol.wire.UsageStatusParams;
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

  private List<?> presence() {
    GatewayCore running = core.get();
    return running == null ? List.of() : running.presence();
  }

  /** The models the agents use: each distinct {@code provider:model} once, with the agents that use it. */
  private void modelsList(Call call) {
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    for (AgentDefinition agent : services.agents().all()) {
      String described = services.models().describe(agent);
      if ("none".equals(described)) {
        continue;
      }
      String label = described.split(" ", 2)[0];
      Map<String, Object> row = models.computeIfAbsent(label, id -> {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id.contains(":") ? id.substring(id.indexOf(':') + 1) : id);
        model.put("name", id);
        model.put("provider", id.contains(":") ? id.substring(0, id.indexOf(':')) : "unknown");
        model.put("agents", new ArrayList<String>());
        return model;
      });
      @SuppressWarnings("unchecked")
      List<String> agents = (List<String>) row.get("agents");
      agents.add(agent.id());
    }
    call.reply(Map.of("models", new ArrayList<>(models.values())));
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
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (SessionInfo info : services.sessionIndex().list()) {
      input += info.inputTokens();
      output += info.outputTokens();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", info.key());
      row.put("agentId", info.agentId());
      row.put("inputTokens", info.inputTokens());
      row.put("outputTokens", info.outputTokens());
      row.put("totalTokens", info.inputTokens() + info.outputTokens());
      row.put("turns", info.turns());
      sessions.add(row);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("updatedAt", System.currentTimeMillis());
    payload.put("totals", Map.of("inputTokens", input, "outputTokens", output, "totalTokens", input + output));
    payload.put("sessions", sessions);
    call.reply(payload);
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
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("cursor", LogBuffer.PROCESS.lastCursor());
    payload.put("lines", texts);
    payload.put("truncated", cursor != null && !lines.isEmpty() && lines.get(0).cursor() > cursor + 1);
    call.reply(payload);
  }
}
