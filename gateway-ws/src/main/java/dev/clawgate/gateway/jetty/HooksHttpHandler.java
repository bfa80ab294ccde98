package dev.clawgate.gateway.jetty;

import dev.clawgate.hooks.HookRequest;
import dev.clawgate.hooks.HookResponse;
import dev.clawgate.hooks.HookService;
import dev.clawgate.protocol.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hooks/*} over Jetty: refuses what it can from the headers, reads the body counting bytes (a
 * {@code Content-Length} over the limit is refused before reading anything, a chunked body as soon as it
 * passes the limit), then hands the request to {@link HookService} and writes its JSON answer.
 */
final class HooksHttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HooksHttpHandler.class);

  private final HookService hooks;

  HooksHttpHandler(HookService hooks) {
    this.hooks = hooks;
  }

  void handle(Request request, Response response, Callback callback) {
    HookRequest hook = new HookRequest(request.getMethod(), Request.getPathInContext(request),
        request.getHttpURI().getQuery(), request.getHeaders().get(HttpHeader.AUTHORIZATION),
        request.getHeaders().get("x-clawgate-token"), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
        request.getHeaders().get("Idempotency-Key"), address(request.getConnectionMetaData().getRemoteSocketAddress()));
    Optional<HookResponse> refused = hooks.refuseBeforeBody(hook);
    if (refused.isPresent()) {
      write(response, refused.get(), callback);
      return;
    }
    int limit = hooks.maxBodyBytes();
    long declared = request.getLength();
    if (declared > limit) {
      write(response, HookResponse.tooLarge(limit), callback);
      return;
    }
    byte[] body;
    try {
      body = readAtMost(Content.Source.asInputStream(request), limit);
    } catch (IOException e) {
      write(response, HookResponse.error(400, "invalid_request", "the body could not be read: " + e.getMessage(),
          "body"), callback);
      return;
    }
    if (body == null) {
      write(response, HookResponse.tooLarge(limit), callback);
      return;
    }
    hooks.handle(hook, body).whenComplete((answer, failure) -> {
      if (failure != null) {
        LOG.warn("webhook {} failed", hook.path(), failure);
        write(response, HookResponse.error(503, "unavailable", "the hook could not be handled now; retry"), callback);
      } else {
        write(response, answer, callback);
      }
    });
  }

  /** The body, or null as soon as it passes {@code limit} bytes (the rest is never read). */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    int total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static void write(Response response, HookResponse answer, Callback callback) {
    byte[] json;
    try {
      json = FrameCodec.JSON.writeValueAsBytes(answer.body());
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (answer.status() == 405) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
    }
    if (answer.status() == 429) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    }
    if (answer.status() >= 400) {
      // A refusal may leave a body unread (401, 413, 415, 429, ...): do not keep the connection, or a client
      // that reuses it reads a half-consumed stream.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(json), callback);
  }

  private static String address(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
