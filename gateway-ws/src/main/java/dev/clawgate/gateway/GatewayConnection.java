package dev.clawgate.gateway;

import dev.clawgate.auth.Peer;
import dev.clawgate.methods.Call;
import dev.clawgate.methods.ConnectionContext;
import dev.clawgate.methods.Method;
import dev.clawgate.protocol.CloseCodes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.InvalidFrameException;
import dev.clawgate.protocol.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, independent of the transport: the handshake state machine, size limits, the
 * per-connection event sequence, the outbound buffer bound, and dispatch of requests to methods.
 */
public final class GatewayConnection implements ConnectionContext {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);

  private enum State { AWAITING_CONNECT, CONNECTED, CLOSED }

  /** How long a refused handshake's answer has before the close follows it. */
  static final long REFUSAL_GRACE_MS = 100;

  private final GatewayCore core;
  private final Outbound outbound;
  private final String connId;
  private final Handshake handshake;
  private final AtomicLong eventSeq = new AtomicLong();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private final List<AutoCloseable> cleanups = new CopyOnWriteArrayList<>();
  private volatile State state = State.AWAITING_CONNECT;
  private volatile Set<String> scopes = Set.of();
  private volatile ScheduledFuture<?> handshakeTimer;
  private volatile boolean refused;
  private volatile Presence presence;

  GatewayConnection(GatewayCore core, Outbound outbound, String connId) {
    this.core = core;
    this.outbound = outbound;
    this.connId = connId;
    this.handshake = new Handshake(core, connId);
  }

  /** Called by the transport once the socket is open: sends the challenge and starts the handshake clock. */
  public void opened() {
    sendEvent("connect.challenge", handshake.challenge());
    handshakeTimer = core.scheduler().schedule(() -> {
      if (state == State.AWAITING_CONNECT) {
        close(CloseCodes.POLICY_VIOLATION, "handshake timeout");
      }
    }, core.settings().handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
  }

  /** Called by the transport for every text frame. */
  public void onText(String text) {
    if (state == State.CLOSED || refused) {
      return;
    }
    boolean connected = state == State.CONNECTED;
    int limit = connected ? core.settings().maxPayload() : core.settings().preHandshakeMaxBytes();
    if (text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit) {
      close(CloseCodes.MESSAGE_TOO_BIG, "frame exceeds " + limit + " bytes");
      return;
    }
    Frame.Request request;
    try {
      request = FrameCodec.parseRequest(text);
    } catch (InvalidFrameException e) {
      if (!connected) {
        refuse(e.requestId() == null ? "" : e.requestId(),
            GatewayError.invalidRequest(ErrorCodes.INVALID_FRAME, e.getMessage()),
            CloseCodes.POLICY_VIOLATION, "invalid handshake frame");
      } else {
        sendFrame(Frame.Response.error(e.requestId() == null ? "" : e.requestId(),
            GatewayError.invalidRequest(ErrorCodes.INVALID_FRAME, e.getMessage())));
      }
      return;
    }
    if (!connected) {
      onHandshakeFrame(request);
    } else if ("connect".equals(request.method())) {
      sendFrame(Frame.Response.error(request.id(),
          GatewayError.invalidRequest(ErrorCodes.INVALID_REQUEST, "already connected")));
    } else {
      dispatch(request);
    }
  }

  /** Called by the transport for binary frames, which the protocol does not use. */
  public void onBinary() {
    if (state == State.CONNECTED) {
      sendFrame(Frame.Response.error("", GatewayError.invalidRequest(ErrorCodes.INVALID_FRAME,
          "binary frames are not supported; send JSON text frames")));
    } else {
      close(CloseCodes.POLICY_VIOLATION, "binary frame before connect");
    }
  }

  /** Called by the transport when the socket closed, whoever closed it. */
  public void closed() {
    state = State.CLOSED;
    ScheduledFuture<?> timer = handshakeTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    core.forget(this);
    for (AutoCloseable cleanup : cleanups) {
      try {
        cleanup.close();
      } catch (Exception e) {
        LOG.debug("cleanup after close of {} failed", connId, e);
      }
    }
    cleanups.clear();
  }

  private void onHandshakeFrame(Frame.Request request) {
    if (!"connect".equals(request.method())) {
      refuse(request.id(), GatewayError.invalidRequest(ErrorCodes.CONNECT_REQUIRED,
          "the first request must be connect, got " + request.method()), CloseCodes.POLICY_VIOLATION,
          "connect required");
      return;
    }
    Peer peer = new Peer(outbound.remoteAddress(), outbound.origin(), outbound.proxied());
    Handshake.Result result = handshake.accept(request.params(), peer);
    if (result.error() != null) {
      core.log().info("connect refused for {} from {}: {}", connId, outbound.remoteAddress(),
          result.error().detailCode());
      refuse(request.id(), result.error(), result.closeCode(), result.closeReason());
      return;
    }
    scopes = result.scopes();
    presence = Presence.of(request.params(), outbound.remoteAddress(), scopes, System.currentTimeMillis());
    state = State.CONNECTED;
    ScheduledFuture<?> timer = handshakeTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    core.connected(this);
    sendFrame(Frame.Response.ok(request.id(), result.helloOk()));
  }

  private void dispatch(Frame.Request request) {
    ConnectionCall call = new ConnectionCall(request);
    Method method = MethodDispatch.admit(core, request, scopes, call);
    if (method != null) {
      core.executor().execute(() -> MethodDispatch.run(method, call));
    }
  }

  // ConnectionContext

  @Override
  public String connId() {
    return connId;
  }

  @Override
  public Set<String> scopes() {
    return scopes;
  }

  @Override
  public void sendEvent(String event, Object payload) {
    // Numbering and queueing happen together: events from different threads must leave in seq order.
    synchronized (eventSeq) {
      sendFrame(Frame.Event.of(event, payload, eventSeq.incrementAndGet()));
    }
  }

  @Override
  public void onClose(AutoCloseable cleanup) {
    cleanups.add(cleanup);
    if (state == State.CLOSED) {
      closed();
    }
  }

  @Override
  public boolean isOpen() {
    return state != State.CLOSED;
  }

  /** Who this client said it is at connect, for {@code system-presence}; null before the handshake. */
  public Presence presence() {
    return presence;
  }

  public boolean isConnected() {
    return state == State.CONNECTED;
  }

  public String remoteAddress() {
    return outbound.remoteAddress();
  }

  void sendFrame(Frame frame) {
    if (state == State.CLOSED) {
      return;
    }
    String text = FrameCodec.write(frame);
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (bufferedBytes.addAndGet(size) > core.settings().maxBufferedBytes()) {
      LOG.warn("closing {}: more than {} bytes waiting to be sent", connId, core.settings().maxBufferedBytes());
      close(CloseCodes.SLOW_CONSUMER, "outbound buffer exceeded");
      return;
    }
    outbound.sendText(text, () -> bufferedBytes.addAndGet(-size));
  }

  /**
   * Answers a refused handshake and closes a moment later. Clients (OpenClaw's among them) read the error's
   * {@code details.code} to tell the user what to fix; a close on the heels of the answer can be handled first
   * and hide it. Frames arriving in between are ignored.
   */
  private void refuse(String requestId, GatewayError error, int code, String reason) {
    refused = true;
    sendFrame(Frame.Response.error(requestId, error));
    core.scheduler().schedule(() -> close(code, reason), REFUSAL_GRACE_MS, TimeUnit.MILLISECONDS);
  }

  void close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    outbound.close(code, reason);
    closed();
  }

  /** A request of this connection; answers go back on the same socket, if it is still open. */
  private final class ConnectionCall implements Call {
    private final Frame.Request request;
    private final Params params;

    ConnectionCall(Frame.Request request) {
      this.request = request;
      this.params = new Params(request.params());
    }

    @Override
    public String requestId() {
      return request.id();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public ConnectionContext connection() {
      return GatewayConnection.this;
    }

    @Override
    public void reply(Object payload) {
      sendFrame(Frame.Response.ok(request.id(), payload));
    }

    @Override
    public void fail(GatewayError error) {
      sendFrame(Frame.Response.error(request.id(), error));
    }
  }
}
