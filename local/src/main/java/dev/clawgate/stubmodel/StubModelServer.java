package dev.clawgate.stubmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat model on 127.0.0.1 that answers deterministically from the request, so tests,
 * the end-to-end CI stage and benchmarks can run the real OpenAI client code path without a real model.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET /v1/models}: one model, {@code stub}.</li>
 *   <li>{@code POST /v1/chat/completions}: a {@code chat.completion} object, or with {@code "stream": true}
 *       {@code text/event-stream} of {@code chat.completion.chunk}s ending in {@code data: [DONE]}. With
 *       {@code stream_options.include_usage} the usage comes in a last chunk with empty {@code choices}, as
 *       OpenAI sends it; without it the usage rides on the chunk carrying {@code finish_reason}, so that token
 *       usage is always reported.</li>
 *   <li>Bad JSON or no {@code messages} array: 400 {@code invalid_request_error}; unknown path: 404; wrong
 *       method: 405; all with an OpenAI-style {@code {"error":{...}}} body. The {@code /v1} prefix is optional.</li>
 * </ul>
 *
 * <h2>Replies and directives</h2>
 * Decided by the last message (see {@link StubScript}):
 * <ul>
 *   <li>a tool result → {@code tool result: <content>};</li>
 *   <li>a user message with {@code #tool <name> <json-args>} and a tool of that name offered in {@code tools}
 *       → one tool call (id {@code call_<n>}, unique per server), {@code finish_reason} {@code tool_calls};
 *       streamed the way OpenAI streams it (id and name with empty arguments first, then argument pieces);</li>
 *   <li>otherwise → {@code echo: <text>}, streamed one word (with its following whitespace) per chunk.</li>
 * </ul>
 * In the last user message, {@code #slow <ms>} sets the first-token delay of the reply and {@code #fail <n>}
 * makes the first n requests carrying that same message text fail with HTTP 500 (a {@code server_error}).
 *
 * <p>Requests run on a cached pool of daemon threads so many streams can be open at once.
 */
public final class StubModelServer implements AutoCloseable {

  /** The only model this server lists. */
  public static final String MODEL_ID = "stub";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest piece of tool-call arguments per streamed chunk; small enough that any real call is split. */
  private static final int ARGUMENT_PIECE_CHARS = 16;

  static {
    // The JDK server leaves Nagle's algorithm on; with small SSE chunks that can stall a stream for tens of
    // milliseconds per chunk against delayed ACKs. Read once when the JDK server first starts in this JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final StubModelOptions options;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong chatRequests = new AtomicLong();
  private final AtomicLong completionIds = new AtomicLong();
  private final AtomicLong toolCallIds = new AtomicLong();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicLong streamsCut = new AtomicLong();
  private final ConcurrentHashMap<String, AtomicInteger> failuresSeen = new ConcurrentHashMap<>();

  private StubModelServer(StubModelOptions options, HttpServer server, ExecutorService executor) {
    this.options = options;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds 127.0.0.1 on {@code options.port()} (0 = a free port) and starts serving.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static StubModelServer start(StubModelOptions options) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("stub model: cannot bind 127.0.0.1:" + options.port(), e);
    }
    ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
    StubModelServer stub = new StubModelServer(options, http, pool);
    http.createContext("/", stub::handle);
    http.setExecutor(pool);
    http.start();
    return stub;
  }

  /** {@link #start(StubModelOptions)} with {@link StubModelOptions#defaults()}. */
  public static StubModelServer start() {
    return start(StubModelOptions.defaults());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The OpenAI base URL to give a client, e.g. {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Chat-completions requests received so far, including the ones answered with 400 or an injected 500. */
  public long requestCount() {
    return chatRequests.get();
  }

  /** Tool calls handed out so far (each got its own id); a model step that is re-run gets a new one. */
  public long toolCallsIssued() {
    return toolCallIds.get();
  }

  /** Streamed replies being sent right now; a crash harness reads it to tell whether a kill landed mid-stream. */
  public int openStreams() {
    return openStreams.get();
  }

  /** Streamed replies that ended before {@code [DONE]} because the client went away (or the server closed). */
  public long streamsCut() {
    return streamsCut.get();
  }

  public StubModelOptions options() {
    return options;
  }

  /** Stops listening and interrupts replies still streaming (their clients see the stream end early). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------- routing

  private void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/v1/") || path.equals("/v1")) {
        path = path.substring(3);
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/models" -> {
          if (method.equals("GET")) {
            sendJson(exchange, 200, models());
          } else {
            sendError(exchange, 405, "method " + method + " not allowed on " + path, "invalid_request_error");
          }
        }
        case "/chat/completions" -> {
          if (method.equals("POST")) {
            chatCompletions(exchange);
          } else {
            sendError(exchange, 405, "method " + method + " not allowed on " + path, "invalid_request_error");
          }
        }
        default -> sendError(exchange, 404, "unknown path " + exchange.getRequestURI().getPath(),
            "invalid_request_error");
      }
    } catch (IOException e) {
      // The client went away mid-reply; nothing to tell anyone.
    } finally {
      exchange.close();
    }
  }

  private static ObjectNode models() {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    list.putArray("data").addObject()
        .put("id", MODEL_ID)
        .put("object", "model")
        .put("created", 0)
        .put("owned_by", "clawgate");
    return list;
  }

  // ------------------------------------------------------------------------------------- chat completions

  private void chatCompletions(HttpExchange exchange) throws IOException {
    chatRequests.incrementAndGet();
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      sendError(exchange, 400, "request body is not valid JSON: " + e.getOriginalMessage(), "invalid_request_error");
      return;
    }
    StubPlan plan;
    try {
      plan = StubScript.plan(body);
    } catch (StubScript.InvalidRequest e) {
      sendError(exchange, 400, e.getMessage(), "invalid_request_error");
      return;
    }
    if (plan.failDirective() != null && plan.failTimes() > 0) {
      int seen = failuresSeen.computeIfAbsent(plan.failDirective(), k -> new AtomicInteger()).incrementAndGet();
      if (seen <= plan.failTimes()) {
        sendError(exchange, 500, "stub model: injected failure " + seen + " of " + plan.failTimes()
            + " (#fail directive)", "server_error");
        return;
      }
    }

    Completion completion = new Completion(
        "chatcmpl-stub-" + completionIds.incrementAndGet(),
        Instant.now().getEpochSecond(),
        plan,
        plan.reply() instanceof StubPlan.ToolCallReply ? "call_" + toolCallIds.incrementAndGet() : null,
        plan.slowMs() >= 0 ? plan.slowMs() : options.firstTokenDelayMs(),
        options.interTokenDelayMs());
    if (plan.stream()) {
      stream(exchange, completion);
    } else {
      // Same total time a stream of this reply would take, so timings do not depend on the mode.
      if (!sleep(completion.firstDelayMs() + completion.gapMs() * (completion.pieces().size() - 1))) {
        return;
      }
      sendJson(exchange, 200, completion.asObject());
    }
  }

  /** One reply being produced: identifiers, timing and the pieces a stream sends. */
  private record Completion(String id, long created, StubPlan plan, String toolCallId, long firstDelayMs,
                              long gapMs) {

    /** Text tokens, or the tool-call argument pieces preceded by the id/name chunk (as ""). */
    List<String> pieces() {
      if (plan.reply() instanceof StubPlan.TextReply text) {
        return text.tokens().isEmpty() ? List.of("") : text.tokens();
      }
      List<String> pieces = new ArrayList<>();
      pieces.add("");
      pieces.addAll(split(((StubPlan.ToolCallReply) plan.reply()).arguments()));
      return pieces;
    }

    String finishReason() {
      return plan.reply() instanceof StubPlan.ToolCallReply ? "tool_calls" : "stop";
    }

    ObjectNode usage() {
      int completionTokens = plan.reply().completionTokens();
      return JSON.createObjectNode()
          .put("prompt_tokens", plan.promptTokens())
          .put("completion_tokens", completionTokens)
          .put("total_tokens", plan.promptTokens() + completionTokens);
    }

    ObjectNode base(String object) {
      return JSON.createObjectNode()
          .put("id", id)
          .put("object", object)
          .put("created", created)
          .put("model", plan.model());
    }

    ObjectNode asObject() {
      ObjectNode root = base("chat.completion");
      ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (plan.reply() instanceof StubPlan.TextReply text) {
        message.put("content", text.text());
      } else {
        StubPlan.ToolCallReply call = (StubPlan.ToolCallReply) plan.reply();
        message.putNull("content");
        ObjectNode toolCall = message.putArray("tool_calls").addObject()
            .put("id", toolCallId)
            .put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
      message.putNull("refusal");
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason());
      root.set("usage", usage());
      return root;
    }

    ObjectNode chunk(int index, String piece) {
      ObjectNode root = base("chat.completion.chunk");
      ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      if (index == 0) {
        delta.put("role", "assistant");
      }
      if (plan.reply() instanceof StubPlan.TextReply) {
        delta.put("content", piece);
      } else {
        if (index == 0) {
          delta.putNull("content");
        }
        ObjectNode toolCall = delta.putArray("tool_calls").addObject().put("index", 0);
        ObjectNode function;
        if (index == 0) {
          toolCall.put("id", toolCallId).put("type", "function");
          function = toolCall.putObject("function")
              .put("name", ((StubPlan.ToolCallReply) plan.reply()).name());
        } else {
          function = toolCall.putObject("function");
        }
        function.put("arguments", piece);
      }
      choice.putNull("logprobs");
      choice.putNull("finish_reason");
      return root;
    }

    ObjectNode finishChunk() {
      ObjectNode root = base("chat.completion.chunk");
      ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
      choice.putObject("delta");
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason());
      if (!plan.includeUsage()) {
        root.set("usage", usage());
      }
      return root;
    }

    ObjectNode usageChunk() {
      ObjectNode root = base("chat.completion.chunk");
      root.putArray("choices");
      root.set("usage", usage());
      return root;
    }
  }

  private void stream(HttpExchange exchange, Completion completion) throws IOException {
    openStreams.incrementAndGet();
    try {
      if (!streamTo(exchange, completion)) {
        streamsCut.incrementAndGet();
      }
    } catch (IOException clientGone) {
      streamsCut.incrementAndGet();
      throw clientGone;
    } finally {
      openStreams.decrementAndGet();
    }
  }

  /** Sends the whole stream; false when interrupted before the end (the server is closing). */
  private static boolean streamTo(HttpExchange exchange, Completion completion) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    List<String> pieces = completion.pieces();
    if (!sleep(completion.firstDelayMs())) {
      return false;
    }
    for (int i = 0; i < pieces.size(); i++) {
      if (i > 0 && !sleep(completion.gapMs())) {
        return false;
      }
      event(out, completion.chunk(i, pieces.get(i)).toString());
    }
    event(out, completion.finishChunk().toString());
    if (completion.plan().includeUsage()) {
      event(out, completion.usageChunk().toString());
    }
    event(out, "[DONE]");
    return true;
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Cuts tool-call arguments into pieces of at most {@link #ARGUMENT_PIECE_CHARS}, never inside a surrogate pair. */
  private static List<String> split(String arguments) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < arguments.length()) {
      int end = Math.min(arguments.length(), start + ARGUMENT_PIECE_CHARS);
      if (end < arguments.length() && Character.isHighSurrogate(arguments.charAt(end - 1))) {
        end--;
      }
      pieces.add(arguments.substring(start, end));
      start = end;
    }
    if (pieces.isEmpty()) {
      pieces.add("");
    }
    return pieces;
  }

  // -------------------------------------------------------------------------------------------- plumbing

  private static void sendError(HttpExchange exchange, int status, String message, String type) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type);
    error.putNull("param");
    error.putNull("code");
    sendJson(exchange, status, root);
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sleeps; false when interrupted (the server is closing), with the interrupt flag kept. */
  private static boolean sleep(long millis) {
    if (millis <= 0) {
      return true;
    }
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "stub-model-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
