package dev.clawgate.methods;

import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.Params;
import dev.clawgate.session.DropPolicy;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.QueueMode;
import dev.clawgate.session.QueuePatch;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import dev.clawgate.transcript.SessionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code sessions.list} and {@code sessions.reset}. */
public final class SessionsMethods {

  private final GatewayServices services;

  SessionsMethods(GatewayServices services) {
    this.services = services;
  }

  void register(MethodRegistry registry) {
    registry.register("sessions.list", Scopes.READ, this::list);
    registry.register("sessions.reset", Scopes.ADMIN, this::reset);
    registry.register("sessions.patch", Scopes.WRITE, this::patch);
    registry.register("sessions.delete", Scopes.ADMIN, this::delete);
  }

  /**
   * Deletes a session: queued behind its pending runs, the transcript is closed and the row leaves the index.
   * Agents' main sessions are protected, as in OpenClaw: reset them instead.
   */
  private void delete(Call call) {
    SessionKey key = SessionKey.parse(call.params().requiredString("key"), services.agents().defaultId());
    if (key.value().equals(SessionKey.main(key.agentId(), services.agents().mainKey()).value())) {
      throw new GatewayException(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS,
          "the main session of agent " + key.agentId() + " cannot be deleted; use sessions.reset"));
    }
    String deleteId = "delete-" + UUID.randomUUID();
    services.sessions().submit(InboundMessage.delete(deleteId, key, System.currentTimeMillis()));
    call.reply(Map.of("ok", true, "key", key.value(), "deleted", true));
  }

  /** Changes a session's queue behaviour: {@code queueMode}, {@code queueDebounceMs}, {@code queueCap}, {@code queueDrop}. */
  private void patch(Call call) {
    Params params = call.params();
    SessionKey key = SessionKey.parse(params.requiredString("key"), services.agents().defaultId());
    QueuePatch patch;
    try {
      Integer debounce = params.optionalInt("queueDebounceMs");
      patch = new QueuePatch(QueueMode.fromWire(params.optionalString("queueMode")),
          debounce == null ? null : debounce.longValue(), params.optionalInt("queueCap"),
          DropPolicy.fromWire(params.optionalString("queueDrop")));
      if (patch.debounceMs() != null && patch.debounceMs() < 0 || patch.cap() != null && patch.cap() < 1) {
        throw new IllegalArgumentException("queueDebounceMs must be >= 0 and queueCap >= 1");
      }
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalidParams("params." + e.getMessage());
    }
    QueuePolicy policy = services.sessions().configure(key, patch);
    Map<String, Object> queue = new LinkedHashMap<>();
    queue.put("mode", policy.mode().wireName());
    queue.put("debounceMs", policy.debounceMs());
    queue.put("cap", policy.cap());
    queue.put("drop", policy.drop().wireName());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ok", true);
    payload.put("key", key.value());
    payload.put("queue", queue);
    call.reply(payload);
  }

  private void list(Call call) {
    int limit = call.params().intOrDefault("limit", 500, 1, 10_000);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SessionInfo info : services.sessionIndex().list()) {
      if (rows.size() >= limit) {
        break;
      }
      rows.add(row(info));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ts", System.currentTimeMillis());
    payload.put("count", rows.size());
    payload.put("sessions", rows);
    call.reply(payload);
  }

  private void reset(Call call) {
    String raw = call.params().optionalString("key");
    if (raw == null) {
      raw = call.params().requiredString("sessionKey");
    }
    SessionKey key = SessionKey.parse(raw, services.agents().defaultId());
    String resetId = "reset-" + UUID.randomUUID();
    SubmitResult submitted = services.sessions().submit(InboundMessage.reset(resetId, key, System.currentTimeMillis()));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ok", true);
    payload.put("key", key.value());
    // The reset is queued behind runs already accepted, so the row shown is the one before it takes effect.
    payload.put("entry", services.sessionIndex().get(key.value()).map(SessionsMethods::row).orElse(null));
    payload.put("resolved", Map.of("key", key.value(), "agentId", key.agentId(), "resetId", resetId,
        "queuePosition", submitted.queuePosition()));
    call.reply(payload);
  }

  static Map<String, Object> row(SessionInfo info) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", info.key());
    row.put("sessionId", info.sessionId());
    row.put("agentId", info.agentId());
    row.put("kind", info.key().startsWith("agent:") ? "direct" : info.key().split(":", 2)[0]);
    row.put("createdAt", info.createdAt());
    row.put("updatedAt", info.updatedAt());
    row.put("inputTokens", info.inputTokens());
    row.put("outputTokens", info.outputTokens());
    row.put("totalTokens", info.inputTokens() + info.outputTokens());
    row.put("turns", info.turns());
    if (info.lastRunId() != null) {
      row.put("lastRunId", info.lastRunId());
    }
    return row;
  }
}
