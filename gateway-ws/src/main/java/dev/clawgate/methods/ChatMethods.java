package dev.clawgate.methods;

import dev.clawgate.auth.Scopes;
import dev.clawgate.heartbeat.HeartbeatEntries;
import dev.clawgate.protocol.wire.ChatAbortParams;
import dev.clawgate.protocol.wire.ChatAbortResult;
import dev.clawgate.protocol.wire.ChatHistoryParams;
import dev.clawgate.protocol.wire.ChatHistoryResult;
import dev.clawgate.protocol.wire.ChatMessage;
import dev.clawgate.protocol.wire.ChatSendAck;
import dev.clawgate.protocol.wire.ChatSendParams;
import dev.clawgate.protocol.wire.QueueModeName;
import dev.clawgate.session.AbortResult;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.RunDirectory;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chat.send}, {@code chat.history} and {@code chat.abort}: the chat surface (Control UI, TUI). A connection that sends to
 * or reads a session receives that session's {@code chat} events until it disconnects.
 */
public final class ChatMethods {

  private final GatewayServices services;
  private final RunDirectory runs;
  private final SessionWatcher watcher;

  ChatMethods(GatewayServices services, RunDirectory runs, SessionWatcher watcher) {
    this.services = services;
    this.runs = runs;
    this.watcher = watcher;
  }

  void register(MethodRegistry registry) {
    registry.register("chat.send", Scopes.WRITE, ChatSendParams.class, this::send);
    registry.register("chat.history", Scopes.READ, ChatHistoryParams.class, this::history);
    registry.register("chat.abort", Scopes.WRITE, ChatAbortParams.class, this::abort);
  }

  /** Stops the session's running turn (or the named run) the same way an interrupt does. */
  private void abort(Call call, ChatAbortParams params) {
    SessionKey key = SessionKey.parse(params.sessionKey(), services.agents().defaultId());
    AbortResult result = services.sessions().abort(key, params.runId());
    call.reply(new ChatAbortResult(true, result.aborted(), result.runIds()));
  }

  private void send(Call call, ChatSendParams params) {
    SessionKey key = SessionKey.parse(params.sessionKey(), services.agents().defaultId());
    String runId = params.idempotencyKey();
    watch(call.connection(), key);
    runs.remember(runId, key.value());
    SubmitResult submitted = services.sessions().submit(
        InboundMessage.message(runId, key, params.message(), "chat", System.currentTimeMillis())
            .withQueueMode(QueueModeName.toSession(params.queueMode())));
    switch (submitted.status()) {
      case ACCEPTED:
        call.reply(new ChatSendAck(runId, "started", submitted.acceptedSeq(), null));
        break;
      case IN_FLIGHT:
        call.reply(new ChatSendAck(runId, "in_flight", null, null));
        break;
      case DROPPED:
        call.reply(new ChatSendAck(runId, "dropped", null, submitted.outcome().error()));
        break;
      default:
        call.reply(new ChatSendAck(runId, submitted.outcome().ok() ? "ok" : submitted.outcome().status(), null,
            null));
        break;
    }
  }

  private void history(Call call, ChatHistoryParams params) {
    SessionKey key = SessionKey.parse(params.sessionKey(), services.agents().defaultId());
    int limit = params.limit() == null ? ChatHistoryParams.DEFAULT_LIMIT : params.limit();
    watch(call.connection(), key);
    List<TranscriptEntry> entries = services.transcripts().readCurrent(key.value());
    List<ChatMessage> messages = new ArrayList<>();
    for (TranscriptEntry entry : entries.subList(Math.max(0, entries.size() - limit), entries.size())) {
      if (TranscriptEntry.MESSAGE.equals(entry.type()) && !HeartbeatEntries.hidden(entry)) {
        messages.add(historyMessage(entry));
      }
    }
    call.reply(new ChatHistoryResult(key.value(),
        services.sessionIndex().get(key.value()).map(SessionInfo::sessionId).orElse(null), messages));
  }

  /** A transcript entry as chat clients render it: role, content blocks, timestamp. */
  static ChatMessage historyMessage(TranscriptEntry entry) {
    return new ChatMessage(entry.id(), entry.role(), List.of(ChatMessage.ContentBlock.text(entry.text())),
        entry.ts(), entry.runId(), entry.toolCallId(), entry.toolCallId() == null ? null : entry.toolName(),
        entry.toolCalls(), entry.stopReason(), Boolean.TRUE.equals(entry.isError()) ? Boolean.TRUE : null);
  }

  private void watch(ConnectionContext connection, SessionKey key) {
    watcher.watch(connection, key);
  }
}
