package dev.clawgate.gateway.jetty;

import dev.clawgate.gateway.GatewayConnection;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.gateway.Outbound;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Binds one Jetty WebSocket session to a {@link GatewayConnection}. Sends are serialised here (one frame in
 * flight at a time, the rest queued in order) so events and responses from many threads never interleave.
 */
public final class JettySocket implements Session.Listener.AutoDemanding, Outbound {

  private final GatewayCore core;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean sending;
  private volatile Session session;
  private volatile GatewayConnection connection;

  /** A frame to send, or (text null) the close that must follow the frames queued before it. */
  private record Pending(String text, Runnable onDone, int closeCode, String closeReason) {}

  JettySocket(GatewayCore core) {
    this.core = core;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    this.connection = core.newConnection(this);
    connection.opened();
  }

  @Override
  public void onWebSocketText(String message) {
    connection.onText(message);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    connection.onBinary();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    GatewayConnection current = connection;
    if (current != null) {
      current.closed();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    GatewayConnection current = connection;
    if (current != null) {
      current.closed();
    }
  }

  @Override
  public void sendText(String text, Runnable onDone) {
    synchronized (queue) {
      if (sending) {
        queue.addLast(new Pending(text, onDone, 0, null));
        return;
      }
      sending = true;
    }
    send(new Pending(text, onDone, 0, null));
  }

  private void send(Pending pending) {
    Session current = session;
    if (pending.text() == null) {
      if (current != null && current.isOpen()) {
        current.close(pending.closeCode(), pending.closeReason(), Callback.NOOP);
      }
      drainAfterClose();
      return;
    }
    if (current == null || !current.isOpen()) {
      pending.onDone().run();
      drainAfterClose();
      return;
    }
    current.sendText(pending.text(), Callback.from(() -> next(pending), failure -> next(pending)));
  }

  private void next(Pending done) {
    done.onDone().run();
    Pending following;
    synchronized (queue) {
      following = queue.pollFirst();
      if (following == null) {
        sending = false;
        return;
      }
    }
    send(following);
  }

  private void drainAfterClose() {
    synchronized (queue) {
      for (Pending pending : queue) {
        pending.onDone().run();
      }
      queue.clear();
      sending = false;
    }
  }

  /** Closes after the frames already queued have gone, so an error answer is never overtaken by the close. */
  @Override
  public void close(int code, String reason) {
    Pending close = new Pending(null, () -> {}, code, reason);
    synchronized (queue) {
      if (sending) {
        queue.addLast(close);
        return;
      }
      sending = true;
    }
    send(close);
  }

  @Override
  public String remoteAddress() {
    Session current = session;
    SocketAddress address = current == null ? null : current.getRemoteSocketAddress();
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }
}
