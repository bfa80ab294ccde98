package dev.clawgate.methods;

import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.wire.DropPolicyName;
import dev.clawgate.protocol.wire.QueueModeName;
import dev.clawgate.protocol.wire.SessionRow;
import dev.clawgate.protocol.wire.SessionsDeleteParams;
import dev.clawgate.protocol.wire.SessionsDeleteResult;
import dev.clawgate.protocol.wire.SessionsListParams;
import dev.clawgate.protocol.wire.SessionsListResult;
import dev.clawgate.protocol.wire.SessionsPatchParams;
import dev.clawgate.protocol.wire.SessionsPatchResult;
import dev.clawgate.protocol.wire.SessionsResetParams;
import dev.clawgate.protocol.wire.SessionsResetResult;
import dev.clawgate.protocol.wire.SessionsSubscribeResult;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.QueuePatch;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SubmitResult;
import dev.clawgate.transcript.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code sessions.list}, {@code .reset}, {@code .patch}, {@code .delete} and {@code .subscribe}. */
public final class SessionsMethods {

  private final GatewayServices services;

  private final java.util.Set<ConnectionContext> subscribers = java.util.concurrent.ConcurrentHashMap.newKeySet();

  SessionsMethods(GatewayServices services) {
    this.services = services;
    if (services.hub() != null) {
      // A finished run changed its session's row (tokens, turns, updatedAt): subscribers refresh it.
      services.hub().watchAll((event, seq, text) -> {
        if (event instanceof dev.clawgate.agent.RunEvent.Ended) {
          changed(event.sessionKey(), "run");
        }
      });
    }
  }

  /** Tells every subscribed connection that a session's row changed ({@code sessions.changed}). */
  private void changed(String sessionKey, String reason) {
    Map<String, Object> payload = Map.of("sessionKey", sessionKey, "reason", reason, "ts",
        System.currentTimeMillis());
    for (ConnectionContext subscriber : subscribers) {
      subscriber.sendEvent("sessions.changed", payload);
    }
  }

  /**
   * Subscribes this connection to {@code sessions.changed} until it disconnects; with {@code sessions.list}
   * params it also answers the current list, so a client can bootstrap and follow without a gap.
   */
  private void subscribe(Call call, SessionsListParams params) {
    ConnectionContext connection = call.connection();
    if (subscribers.add(connection)) {
      connection.onClose(() -> subscribers.remove(connection));
    }
    if (params.limit() == null) {
      call.reply(new SessionsSubscribeResult(true));
    } else {
      list(call, params);
    }
  }

  void register(MethodRegistry registry) {
    registry.register("sessions.list", Scopes.READ, SessionsListParams.class, this::list);
    registry.register("sessions.reset", Scopes.ADMIN, SessionsResetParams.class, this::reset);
    registry.register("sessions.patch", Scopes.WRITE, SessionsPatchParams.class, this::patch);
    registry.register("sessions.delete", Scopes.ADMIN, SessionsDeleteParams.class, this::delete);
    registry.register("sessions.subscribe", Scopes.READ, SessionsListParams.class, this::subscribe);
  }

  /**
   * Deletes a session: queued behind its pending runs, the transcript is closed and the row leaves the index.
   * Agents' main sessions are protected, as in OpenClaw: reset them instead.
   */
  private void delete(Call call, SessionsDeleteParams params) {
    SessionKey key = SessionKey.parse(params.key(), services.agents().defaultId());
    if (key.value().equals(SessionKey.main(key.agentId(), services.agents().mainKey()).value())) {
      throw new GatewayException(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS,
          "the main session of agent " + key.agentId() + " cannot be deleted; use sessions.reset"));
    }
    String deleteId = "delete-" + UUID.randomUUID();
    services.sessions().submit(InboundMessage.delete(deleteId, key, System.currentTimeMillis()));
    changed(key.value(), "delete");
    call.reply(new SessionsDeleteResult(true, key.value(), true));
  }

  /** Changes a session's queue behaviour: {@code queueMode}, {@code queueDebounceMs}, {@code queueCap}, {@code queueDrop}. */
  private void patch(Call call, SessionsPatchParams params) {
    SessionKey key = SessionKey.parse(params.key(), services.agents().defaultId());
    QueuePatch patch = new QueuePatch(QueueModeName.toSession(params.queueMode()),
        params.queueDebounceMs() == null ? null : params.queueDebounceMs().longValue(), params.queueCap(),
        DropPolicyName.toSession(params.queueDrop()));
    QueuePolicy policy = services.sessions().configure(key, patch);
    changed(key.value(), "patch");
    call.reply(new SessionsPatchResult(true, key.value(), new SessionsPatchResult.Queue(
        QueueModeName.of(policy.mode()), policy.debounceMs(), policy.cap(), DropPolicyName.of(policy.drop()))));
  }

  private void list(Call call, SessionsListParams params) {
    int limit = params.limit() == null ? SessionsListParams.DEFAULT_LIMIT : params.limit();
    List<SessionRow> rows = new ArrayList<>();
    for (SessionInfo info : services.sessionIndex().list()) {
      if (rows.size() >= limit) {
        break;
      }
      rows.add(row(info));
    }
    call.reply(new SessionsListResult(System.currentTimeMillis(), rows.size(), rows));
  }

  private void reset(Call call, SessionsResetParams params) {
    String raw = params.key() != null ? params.key() : params.sessionKey();
    if (raw == null || raw.isEmpty()) {
      // The schema cannot say "one of the two"; the message follows the schema's wording.
      throw GatewayException.invalidParams("params.key: is required");
    }
    SessionKey key = SessionKey.parse(raw, services.agents().defaultId());
    String resetId = "reset-" + UUID.randomUUID();
    SubmitResult submitted = services.sessions().submit(InboundMessage.reset(resetId, key, System.currentTimeMillis()));
    // The reset is queued behind runs already accepted, so the row shown is the one before it takes effect.
    changed(key.value(), "reset");
    call.reply(new SessionsResetResult(true, key.value(),
        services.sessionIndex().get(key.value()).map(SessionsMethods::row).orElse(null),
        new SessionsResetResult.Resolved(key.value(), key.agentId(), resetId, submitted.queuePosition())));
  }

  static SessionRow row(SessionInfo info) {
    return new SessionRow(info.key(), info.sessionId(), info.agentId(),
        info.key().startsWith("agent:") ? "direct" : info.key().split(":", 2)[0],
        info.createdAt(), info.updatedAt(), info.inputTokens(), info.outputTokens(),
        info.inputTokens() + info.outputTokens(), info.turns(), info.lastRunId());
  }
}
