package dev.clawgate.functions.apigw;

import dev.clawgate.gateway.FrameLimit;
import dev.clawgate.protocol.Frame;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the worker's frames to connections: each event numbered from the connection's shared counter
 * ({@link ConnectionTable#nextEventSeq}), every frame kept within the message limit ({@link FrameLimit}), and a
 * connection found gone (its item missing, or a 410 from API Gateway) forgotten at once: its item is deleted,
 * and the caller removes what else pointed at it. Used for run events ({@link ApiGatewayEventSink}) and for what
 * every connected client hears ({@link #broadcast}: ticks, heartbeats).
 */
public final class ConnectionPoster {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoster.class);

  private final ConnectionTable connections;
  private final ManagementApi api;
  private final String endpoint;
  private final int maxPayload;
  /** Striped: a lock per connection without a map that must be cleaned up. */
  private final Object[] locks = new Object[64];

  /**
   * @param endpoint the management API of the WebSocket API's stage
   * @param maxPayload the largest message the transport carries (API Gateway: 128 KB)
   */
  public ConnectionPoster(ConnectionTable connections, ManagementApi api, String endpoint, int maxPayload) {
    this.connections = connections;
    this.api = api;
    this.endpoint = endpoint;
    this.maxPayload = maxPayload;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  public int maxPayload() {
    return maxPayload;
  }

  /**
   * Sends event {@code event} to {@code connId}; false when the connection is gone. Taking the number and posting
   * happen under the connection's lock, so this process's threads (the run's activity, the tick timer) never post
   * a connection's events out of order. A frame's Lambda numbering an answer's event at the same moment is
   * another process; clients only ever see that as two events swapped, never as a number missing.
   */
  public boolean sendEvent(String connId, String event, Object payload) {
    synchronized (lockOf(connId)) {
      Optional<Long> seq = connections.nextEventSeq(connId);
      return seq.isPresent() && send(connId, Frame.Event.of(event, payload, seq.get()));
    }
  }

  private Object lockOf(String connId) {
    return locks[Math.floorMod(connId.hashCode(), locks.length)];
  }

  /** Sends a frame as it is (an answer); false when the connection is gone. */
  public boolean send(String connId, Frame frame) {
    if (api.post(endpoint, connId, FrameLimit.fit(frame, maxPayload))) {
      return true;
    }
    LOG.debug("connection {} is gone; forgetting it", connId);
    connections.delete(connId);
    return false;
  }

  /**
   * Sends {@code event} to every connection that completed the handshake, as self-hosted {@code broadcast}
   * does; gone ones are forgotten. Errors on one connection never keep the event from the others.
   *
   * @return how many connections got it
   */
  public int broadcast(String event, Object payload) {
    int sent = 0;
    for (String connId : connections.connectedIds()) {
      try {
        if (sendEvent(connId, event, payload)) {
          sent++;
        }
      } catch (RuntimeException e) {
        LOG.warn("could not post {} to connection {}", event, connId, e);
      }
    }
    return sent;
  }
}
