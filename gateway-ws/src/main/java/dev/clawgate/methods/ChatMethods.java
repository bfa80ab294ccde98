package dev.clawgate.methods;

import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.Params;
import dev.clawgate.heartbeat.HeartbeatEntries;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.session.AbortResult;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.QueueMode;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.TranscriptEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code chat.send} and {@code chat.history}: the chat surface (Control UI, TUI). A connection that sends to
 * or reads a session receives that session's {@code chat} events until it disconnects.
 */
public final class ChatMethods {

  static final int DEFAULT_HISTORY_LIMIT = 200;
  static final int MAX_HISTORY_LIMIT = 1000;

  private final GatewayServices services;
  private final RunDirectory runs;
  private final Map<String, Set<String>> watchedByConnection = new ConcurrentHashMap<>();

  ChatMethods(GatewayServices services, RunDirectory runs) {
    this.services = services;
    this.runs = runs;
  }

  void register(MethodRegistry registry) {
    registry.register("chat.send", Scopes.WRITE, this::send);
    registry.register("chat.history", Scopes.READ, this::history);
    registry.register("chat.abort", Scopes.WRITE, this::abort);
  }

  /** Stops the session's running turn (or the named run) the same way an interrupt does. */
  private void abort(Call call) {
    Params params = call.params();
    SessionKey key = SessionKey.parse(params.requiredString("sessionKey"), services.agents().defaultId());
    AbortResult result = services.sessions().abort(key, params.optionalString("runId"));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ok", true);
    payload.put("aborted", result.aborted());
    payload.put("runIds", result.runIds());
    call.reply(payload);
  }

  private void send(Call call) {
    Params params = call.params();
    SessionKey key = SessionKey.parse(params.requiredString("sessionKey"), services.agents().defaultId());
    String message = params.requiredString("message");
    String runId = params.requiredString("idempotencyKey");
    QueueMode mode;
    try {
      mode = QueueMode.fromWire(params.optionalString("queueMode"));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalidParams("params." + e.getMessage());
    }
    watch(call.connection(), key);
    runs.remember(runId, key.value());
    SubmitResult submitted = services.sessions().submit(
        InboundMessage.message(runId, key, message, "chat", System.currentTimeMillis()).withQueueMode(mode));
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("runId", runId);
    switch (submitted.status()) {
      case ACCEPTED:
        ack.put("status", "started");
        ack.put("queueSeq", submitted.acceptedSeq());
        break;
      case IN_FLIGHT:
        ack.put("status", "in_flight");
        break;
      case DROPPED:
        ack.put("status", "dropped");
        ack.put("reason", submitted.outcome().error());
        break;
      default:
        ack.put("status", submitted.outcome().ok() ? "ok" : submitted.outcome().status());
        break;
    }
    call.reply(ack);
  }

  private void history(Call call) {
    Params params = call.params();
    SessionKey key = SessionKey.parse(params.requiredString("sessionKey"), services.agents().defaultId());
    int limit = params.intOrDefault("limit", DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
    watch(call.connection(), key);
    List<TranscriptEntry> entries = services.transcripts().readCurrent(key.value());
    List<Map<String, Object>> messages = new ArrayList<>();
    for (TranscriptEntry entry : entries.subList(Math.max(0, entries.size() - limit), entries.size())) {
      if (TranscriptEntry.MESSAGE.equals(entry.type()) && !HeartbeatEntries.hidden(entry)) {
        messages.add(historyMessage(entry));
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sessionKey", key.value());
    payload.put("sessionId", services.sessionIndex().get(key.value()).map(SessionInfo::sessionId).orElse(null));
    payload.put("messages", messages);
    call.reply(payload);
  }

  /** A transcript entry as chat clients render it: role, content blocks, timestamp. */
  static Map<String, Object> historyMessage(TranscriptEntry entry) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", entry.id());
    message.put("role", entry.role());
    message.put("content", List.of(Map.of("type", "text", "text", entry.text() == null ? "" : entry.text())));
    message.put("timestamp", entry.ts());
    if (entry.runId() != null) {
      message.put("runId", entry.runId());
    }
    if (entry.toolCallId() != null) {
      message.put("toolCallId", entry.toolCallId());
      message.put("toolName", entry.toolName());
    }
    if (entry.toolCalls() != null) {
      message.put("toolCalls", entry.toolCalls());
    }
    if (entry.stopReason() != null) {
      message.put("stopReason", entry.stopReason());
    }
    if (Boolean.TRUE.equals(entry.isError())) {
      message.put("isError", true);
    }
    return message;
  }

  private void watch(ConnectionContext connection, SessionKey key) {
    Set<String> watched = watchedByConnection.computeIfAbsent(connection.connId(), id -> {
      connection.onClose(() -> watchedByConnection.remove(id));
      return ConcurrentHashMap.newKeySet();
    });
    if (watched.add(key.value())) {
      AutoCloseable handle = services.hub().watchSession(key.value(), (event, seq, text) -> {
        Map<String, Object> payload = EventPayloads.chatEvent(event, seq, text);
        if (payload != null) {
          connection.sendEvent("chat", payload);
        }
      });
      connection.onClose(handle);
    }
  }
}
