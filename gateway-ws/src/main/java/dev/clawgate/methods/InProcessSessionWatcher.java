package dev.clawgate.methods;

import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.protocol.wire.ChatEvent;
import dev.clawgate.session.SessionKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The self-hosted {@link SessionWatcher}: watches the session through the in-process hub until the close. */
final class InProcessSessionWatcher implements SessionWatcher {

  private final RunEventHub hub;
  private final Map<String, Set<String>> watchedByConnection = new ConcurrentHashMap<>();

  InProcessSessionWatcher(RunEventHub hub) {
    this.hub = hub;
  }

  @Override
  public void watch(ConnectionContext connection, SessionKey key) {
    Set<String> watched = watchedByConnection.computeIfAbsent(connection.connId(), id -> {
      connection.onClose(() -> watchedByConnection.remove(id));
      return ConcurrentHashMap.newKeySet();
    });
    if (watched.add(key.value())) {
      AutoCloseable handle = hub.watchSession(key.value(), (event, seq, text) -> {
        ChatEvent payload = EventPayloads.chatEvent(event, seq, text);
        if (payload != null) {
          connection.sendEvent("chat", payload);
        }
      });
      connection.onClose(handle);
    }
  }
}
