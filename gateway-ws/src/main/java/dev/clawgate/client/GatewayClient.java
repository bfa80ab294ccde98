package dev.clawgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.auth.DeviceAuthPayload;
import dev.clawgate.auth.DeviceIdentity;
import dev.clawgate.protocol.FrameCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small client of the gateway protocol over the JDK's WebSocket: handshake, requests (including the
 * two-response {@code agent} call), events. Used by the {@code clawgate} CLI, the benchmarks and the tests,
 * against Clawgate or any other OpenClaw-protocol gateway.
 */
public final class GatewayClient implements AutoCloseable {

  /**
   * One JDK HTTP client for every connection of the process: it is made to be shared (one selector thread for
   * all its sockets), and a client per connection would cost a thread each, which a benchmark opening hundreds
   * of connections would end up measuring.
   */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A close as the client saw it. */
  public record Close(int code, String reason) {}

  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Consumer<JsonNode>> eventListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<JsonNode>> frameListeners = new CopyOnWriteArrayList<>();
  private final java.util.List<JsonNode> earlyFrames = new java.util.ArrayList<>();
  private static final int MAX_EARLY_FRAMES = 64;
  private final CompletableFuture<JsonNode> challenge = new CompletableFuture<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile WebSocket socket;
  private volatile JsonNode hello;

  private record Pending(CompletableFuture<JsonNode> result, Consumer<JsonNode> onAccepted) {}

  private GatewayClient() {}

  /** Opens a socket without the handshake, for tests that send their own first frame. */
  public static GatewayClient open(URI url) throws IOException {
    return open(url, Map.of());
  }

  /**
   * Opens a socket without the handshake, sending {@code upgradeHeaders} with the HTTP upgrade (say an
   * {@code Origin}, to act as a web page would).
   */
  public static GatewayClient open(URI url, Map<String, String> upgradeHeaders) throws IOException {
    GatewayClient client = new GatewayClient();
    try {
      WebSocket.Builder builder = HTTP.newWebSocketBuilder();
      upgradeHeaders.forEach(builder::header);
      client.socket = builder.buildAsync(url, client.new Listener()).get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + url, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot connect to " + url + ": " + rootMessage(e), e);
    }
    return client;
  }

  /** Connects and completes the handshake; throws {@link GatewayCallException} when the gateway refuses it. */
  public static GatewayClient connect(URI url, ConnectOptions options) throws IOException {
    return connect(url, options, Map.of());
  }

  /** {@link #connect(URI, ConnectOptions)} with extra headers on the HTTP upgrade. */
  public static GatewayClient connect(URI url, ConnectOptions options, Map<String, String> upgradeHeaders)
      throws IOException {
    GatewayClient client = open(url, upgradeHeaders);
    try {
      JsonNode challenge = client.challenge.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (challenge == null || challenge.path("nonce").asText("").isBlank()) {
        client.abort();
        throw new IOException("gateway sent no challenge nonce");
      }
      client.hello = client.request("connect", connectParams(options, challenge), null)
          .get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return client;
    } catch (ExecutionException e) {
      client.abort();
      if (e.getCause() instanceof GatewayCallException) {
        GatewayCallException refused = (GatewayCallException) e.getCause();
        int code = client.awaitClose(2_000).code();
        throw new GatewayCallException(refused.error(), code);
      }
      throw new IOException("handshake failed: " + rootMessage(e), e);
    } catch (TimeoutException e) {
      client.abort();
      throw new IOException("handshake timed out after " + options.timeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.abort();
      throw new IOException("interrupted during handshake", e);
    }
  }

  /** The connect params; with a device, its proof signs the challenge (v3 text, signedAt = challenge ts). */
  private static ObjectNode connectParams(ConnectOptions options, JsonNode challenge) {
    String platform = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    ObjectNode params = FrameCodec.JSON.createObjectNode();
    params.put("minProtocol", options.minProtocol());
    params.put("maxProtocol", options.maxProtocol());
    ObjectNode info = params.putObject("client");
    info.put("id", options.clientId());
    info.put("version", "clawgate");
    info.put("platform", platform);
    info.put("mode", options.clientMode());
    params.put("role", "operator");
    options.scopes().forEach(params.putArray("scopes")::add);
    params.putArray("caps");
    if (options.token() != null || options.deviceToken() != null) {
      ObjectNode auth = params.putObject("auth");
      if (options.token() != null) {
        auth.put("token", options.token());
      }
      if (options.deviceToken() != null) {
        auth.put("deviceToken", options.deviceToken());
      }
    }
    DeviceIdentity device = options.device();
    if (device != null) {
      String nonce = challenge.path("nonce").asText();
      long signedAt = challenge.path("ts").canConvertToLong() && challenge.path("ts").asLong() > 0
          ? challenge.path("ts").asLong() : System.currentTimeMillis();
      String signedToken = options.token() != null ? options.token()
          : options.deviceToken() != null ? options.deviceToken() : "";
      String text = new DeviceAuthPayload(device.id(), options.clientId(), options.clientMode(), "operator",
          options.scopes(), signedAt, signedToken, nonce, platform, null).v3();
      ObjectNode proof = params.putObject("device");
      proof.put("id", device.id());
      proof.put("publicKey", device.publicKeyBase64Url());
      proof.put("signature", device.sign(text));
      proof.put("signedAt", signedAt);
      proof.put("nonce", nonce);
    }
    return params;
  }

  public JsonNode hello() {
    return hello;
  }

  /** Sends a request; the future completes with its payload, or with {@link GatewayCallException}. */
  public CompletableFuture<JsonNode> call(String method, Object params) {
    return request(method, params, null);
  }

  /**
   * Sends a request whose first answer may be an interim {@code status:"accepted"} (the {@code agent} method);
   * the future completes with the final answer.
   */
  public CompletableFuture<JsonNode> callExpectFinal(String method, Object params, Consumer<JsonNode> onAccepted) {
    return request(method, params, onAccepted == null ? accepted -> {} : onAccepted);
  }

  public void onEvent(Consumer<JsonNode> listener) {
    eventListeners.add(listener);
  }

  /**
   * Sees every frame the gateway sends, responses included (also those to frames sent with {@link #sendRaw}),
   * before they are matched to requests.
   */
  public void onFrame(Consumer<JsonNode> listener) {
    synchronized (earlyFrames) {
      // Frames that arrived before the first frame listener (the challenge comes right after open) are replayed.
      for (JsonNode early : earlyFrames) {
        listener.accept(early);
      }
      earlyFrames.clear();
      frameListeners.add(listener);
    }
  }

  /** Sends a raw text frame, for tests of malformed input. */
  public CompletableFuture<WebSocket> sendRaw(String text) {
    synchronized (this) {
      return socket.sendText(text, true);
    }
  }

  /** Sends a binary frame, which the protocol does not use: for tests of what the gateway does with one. */
  public CompletableFuture<WebSocket> sendRawBinary(ByteBuffer data) {
    synchronized (this) {
      return socket.sendBinary(data, true);
    }
  }

  public CompletableFuture<Close> closed() {
    return closed;
  }

  /** Waits for the gateway to close the socket; a {@code Close(-1, "timeout")} if it did not. */
  public Close awaitClose(long timeoutMs) {
    try {
      return closed.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Close(-1, "timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Close(-1, "interrupted");
    } catch (ExecutionException e) {
      return new Close(-1, rootMessage(e));
    }
  }

  public static String newIdempotencyKey() {
    return UUID.randomUUID().toString();
  }

  private CompletableFuture<JsonNode> request(String method, Object params, Consumer<JsonNode> onAccepted) {
    String id = ids.incrementAndGet() + ":" + UUID.randomUUID();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, new Pending(result, onAccepted));
    ObjectNode frame = FrameCodec.JSON.createObjectNode();
    frame.put("type", "req");
    frame.put("id", id);
    frame.put("method", method);
    frame.set("params", FrameCodec.JSON.valueToTree(params == null ? Map.of() : params));
    synchronized (this) {
      socket.sendText(frame.toString(), true).whenComplete((ws, failure) -> {
        if (failure != null) {
          pending.remove(id);
          result.completeExceptionally(failure);
        }
      });
    }
    return result;
  }

  private void onFrame(String text) {
    JsonNode frame;
    try {
      frame = FrameCodec.JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    synchronized (earlyFrames) {
      if (frameListeners.isEmpty()) {
        if (earlyFrames.size() < MAX_EARLY_FRAMES) {
          earlyFrames.add(frame);
        }
      } else {
        for (Consumer<JsonNode> listener : frameListeners) {
          listener.accept(frame);
        }
      }
    }
    String type = frame.path("type").asText();
    if ("event".equals(type)) {
      if ("connect.challenge".equals(frame.path("event").asText())) {
        challenge.complete(frame.path("payload"));
      }
      for (Consumer<JsonNode> listener : eventListeners) {
        listener.accept(frame);
      }
    } else if ("res".equals(type)) {
      String id = frame.path("id").asText();
      Pending waiting = pending.get(id);
      if (waiting == null) {
        return;
      }
      boolean ok = frame.path("ok").asBoolean(false);
      JsonNode payload = frame.path("payload");
      if (ok && waiting.onAccepted() != null && "accepted".equals(payload.path("status").asText())) {
        waiting.onAccepted().accept(payload);
        return;
      }
      pending.remove(id);
      if (ok) {
        waiting.result().complete(payload);
      } else {
        waiting.result().completeExceptionally(new GatewayCallException(frame.path("error"), 0));
      }
    }
  }

  private void onClosed(int code, String reason) {
    closed.complete(new Close(code, reason));
    challenge.complete(null);
    IOException gone = new IOException("connection closed (" + code + "): " + reason);
    pending.values().forEach(p -> p.result().completeExceptionally(gone));
    pending.clear();
  }

  private void abort() {
    WebSocket current = socket;
    if (current != null && !closed.isDone()) {
      try {
        closed.get(2, TimeUnit.SECONDS);
      } catch (Exception notClosedYet) {
        current.abort();
      }
    }
  }

  @Override
  public void close() {
    WebSocket current = socket;
    if (current != null && !closed.isDone()) {
      current.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      try {
        closed.get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        current.abort();
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onFrame(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      onClosed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      onClosed(-1, String.valueOf(error.getMessage()));
    }
  }
}
