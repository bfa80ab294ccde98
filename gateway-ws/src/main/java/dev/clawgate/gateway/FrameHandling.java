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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The gateway's frame rules for a transport that keeps no connection in memory (API Gateway with Lambda):
 * each frame comes with the connection's stored {@link ConnectionState} and leaves with the new one. The
 * rules are {@link GatewayConnection}'s: the same handshake ({@link Handshake}), the same dispatch
 * ({@link MethodDispatch}), the same limits; only the timers differ, because nothing runs between frames (the
 * transport enforces idle and handshake timeouts itself).
 *
 * <p>A method runs on the calling thread, and the call waits up to {@code answerWithinMs} for its first
 * answer, because the process may be frozen as soon as this returns. Answers that come later (the final answer
 * of {@code agent}) must not depend on this process: on AWS a durable
 * {@link dev.clawgate.methods.RunFollower} delivers them.
 */
public final class FrameHandling {

  private final GatewayCore core;
  private final long answerWithinMs;

  public FrameHandling(GatewayCore core, long answerWithinMs) {
    this.core = core;
    this.answerWithinMs = answerWithinMs;
  }

  /**
   * Handles one text frame of the connection in {@code state}.
   *
   * @param link where answers and events go, and how the connection is closed
   * @param nextEventSeq the connection's next event number (an atomic counter shared with whoever else sends
   *     events to this connection)
   * @return the connection's state after the frame
   */
  public ConnectionState onText(ConnectionState state, String text, Outbound link, LongSupplier nextEventSeq) {
    if (state.phase() == ConnectionState.Phase.CLOSED) {
      return state;
    }
    Sender sender = new Sender(link, nextEventSeq, core.settings().maxPayload());
    boolean connected = state.phase() == ConnectionState.Phase.CONNECTED;
    int limit = connected ? core.settings().maxPayload() : core.settings().preHandshakeMaxBytes();
    if (text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit) {
      link.close(CloseCodes.MESSAGE_TOO_BIG, "frame exceeds " + limit + " bytes");
      return state.closed();
    }
    Frame.Request request;
    try {
      request = FrameCodec.parseRequest(text);
    } catch (InvalidFrameException e) {
      String id = e.requestId() == null ? "" : e.requestId();
      GatewayError error = GatewayError.invalidRequest(ErrorCodes.INVALID_FRAME, e.getMessage());
      if (!connected) {
        return refuse(state, sender, link, id, error, CloseCodes.POLICY_VIOLATION, "invalid handshake frame");
      }
      sender.send(Frame.Response.error(id, error));
      return state;
    }
    if (!connected) {
      return onHandshakeFrame(state, request, sender, link);
    }
    if ("connect".equals(request.method())) {
      sender.send(Frame.Response.error(request.id(),
          GatewayError.invalidRequest(ErrorCodes.INVALID_REQUEST, "already connected")));
      return state;
    }
    dispatch(state, request, sender);
    return state;
  }

  /** Binary frames are not part of the protocol: the same answer as {@link GatewayConnection#onBinary()}. */
  public ConnectionState onBinary(ConnectionState state, Outbound link, LongSupplier nextEventSeq) {
    if (state.phase() == ConnectionState.Phase.CONNECTED) {
      new Sender(link, nextEventSeq, core.settings().maxPayload()).send(Frame.Response.error("",
          GatewayError.invalidRequest(ErrorCodes.INVALID_FRAME, "binary frames are not supported; send JSON text frames")));
      return state;
    }
    link.close(CloseCodes.POLICY_VIOLATION, "binary frame before connect");
    return state.closed();
  }

  private ConnectionState onHandshakeFrame(ConnectionState state, Frame.Request request, Sender sender,
      Outbound link) {
    if (!"connect".equals(request.method())) {
      return refuse(state, sender, link, request.id(), GatewayError.invalidRequest(ErrorCodes.CONNECT_REQUIRED,
          "the first request must be connect, got " + request.method()), CloseCodes.POLICY_VIOLATION,
          "connect required");
    }
    Peer peer = new Peer(state.remoteAddress(), state.origin(), state.proxied());
    Handshake.Result result = new Handshake(core, state.connId(), state.nonce(), state.challengeTs())
        .accept(request.params(), peer);
    if (result.error() != null) {
      core.log().info("connect refused for {} from {}: {}", state.connId(), state.remoteAddress(),
          result.error().detailCode());
      return refuse(state, sender, link, request.id(), result.error(), result.closeCode(), result.closeReason());
    }
    Params params = new Params(request.params());
    String role = params.optionalString("role");
    com.fasterxml.jackson.databind.JsonNode client = request.params().path("client");
    ConnectionState connected = state.connected(role == null ? "operator" : role, result.scopes(),
        client.path("id").asText(null), client.path("mode").asText(null));
    sender.send(Frame.Response.ok(request.id(), result.helloOk()));
    return connected;
  }

  /** Answers the refusal, then closes: the answer has been handed over already, so nothing waits in between. */
  private static ConnectionState refuse(ConnectionState state, Sender sender, Outbound link, String requestId,
      GatewayError error, int code, String reason) {
    sender.send(Frame.Response.error(requestId, error));
    link.close(code, reason);
    return state.closed();
  }

  private void dispatch(ConnectionState state, Frame.Request request, Sender sender) {
    StatelessCall call = new StatelessCall(state, request, sender, answerWithinMs);
    Method method = MethodDispatch.admit(core, request, state.scopes(), call);
    if (method == null) {
      return;
    }
    MethodDispatch.run(method, call);
    try {
      if (!call.answered.await(answerWithinMs, TimeUnit.MILLISECONDS)) {
        call.fail(GatewayError.unavailable(request.method() + " gave no answer within " + answerWithinMs
            + " ms, the most this transport can wait"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends frames within the transport's message limit, numbering events from the shared counter. */
  private static final class Sender {
    private final Outbound link;
    private final LongSupplier nextEventSeq;
    private final int maxPayload;

    Sender(Outbound link, LongSupplier nextEventSeq, int maxPayload) {
      this.link = link;
      this.nextEventSeq = nextEventSeq;
      this.maxPayload = maxPayload;
    }

    void send(Frame frame) {
      link.sendText(FrameLimit.fit(frame, maxPayload), () -> { });
    }

    void sendEvent(String event, Object payload) {
      send(Frame.Event.of(event, payload, nextEventSeq.getAsLong()));
    }
  }

  /**
   * A request on a stateless connection. Closing is never observed here (it is another invocation), so
   * cleanups registered with {@link #onClose} are not run: what must outlive this frame is durable instead.
   */
  private static final class StatelessCall implements Call, ConnectionContext {
    private final ConnectionState state;
    private final Frame.Request request;
    private final Params params;
    private final Sender sender;
    private final CountDownLatch answered = new CountDownLatch(1);
    private final long answerWithinMs;

    StatelessCall(ConnectionState state, Frame.Request request, Sender sender, long answerWithinMs) {
      this.state = state;
      this.request = request;
      this.params = new Params(request.params());
      this.sender = sender;
      this.answerWithinMs = answerWithinMs;
    }

    @Override
    public long answerWithinMs() {
      return answerWithinMs;
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
      return this;
    }

    @Override
    public void reply(Object payload) {
      sender.send(Frame.Response.ok(request.id(), payload));
      answered.countDown();
    }

    @Override
    public void fail(GatewayError error) {
      sender.send(Frame.Response.error(request.id(), error));
      answered.countDown();
    }

    @Override
    public String connId() {
      return state.connId();
    }

    @Override
    public Set<String> scopes() {
      return state.scopes();
    }

    @Override
    public void sendEvent(String event, Object payload) {
      sender.sendEvent(event, payload);
    }

    @Override
    public void onClose(AutoCloseable cleanup) {
      // Not observable from here; see the class comment.
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
