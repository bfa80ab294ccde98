package dev.clawgate.methods;

import dev.clawgate.session.SessionKey;

/**
 * Port: lets a connection that sent to or read a session hear that session's {@code chat} events until it
 * disconnects. Self-hosted, the gateway process watches the session in memory ({@link InProcessSessionWatcher});
 * on AWS the request's Lambda invocation ends at once, so a durable record tells the worker's event sink where
 * to post instead.
 */
public interface SessionWatcher {

  /** Starts (or keeps) sending {@code key}'s {@code chat} events to {@code connection}; idempotent. */
  void watch(ConnectionContext connection, SessionKey key);
}
