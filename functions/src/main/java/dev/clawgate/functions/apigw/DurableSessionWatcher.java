package dev.clawgate.functions.apigw;

import dev.clawgate.methods.ConnectionContext;
import dev.clawgate.methods.SessionWatcher;
import dev.clawgate.session.SessionKey;

/**
 * The AWS {@link SessionWatcher}: the Lambda that answers {@code chat.send} or {@code chat.history} records the
 * watch ({@link PendingResponseTable#watch}); the worker's {@link ApiGatewayEventSink} reads the session's watches
 * while a run streams (at most a second late) and for its end, and posts the {@code chat} events. A put per request, repeated ones included: it is
 * idempotent, and it renews the watch's lifetime.
 */
public final class DurableSessionWatcher implements SessionWatcher {

  private final PendingResponseTable table;

  public DurableSessionWatcher(PendingResponseTable table) {
    this.table = table;
  }

  @Override
  public void watch(ConnectionContext connection, SessionKey key) {
    table.watch(new SessionWatch(key.value(), connection.connId()));
  }
}
