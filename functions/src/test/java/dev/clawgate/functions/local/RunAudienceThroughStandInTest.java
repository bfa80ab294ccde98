package dev.clawgate.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.stubmodel.StubModelOptions;
import dev.clawgate.stubmodel.StubModelServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Who hears a run on AWS, and what finding that out costs the worker: the stand-in stack over DynamoDB Local run
 * as a server, so the functions and the worker each talk to it through a real SDK client whose requests an
 * {@link ExecutionInterceptor} counts per table and operation. The stub model types at a model's pace
 * ({@value #TOKENS_PER_SECOND} tokens a second), so a run streams for seconds and clients can join it midway.
 */
class RunAudienceThroughStandInTest {

  private static final double TOKENS_PER_SECOND = 20;
  private static final long WAIT_MS = 30_000;
  /** 60 words: the stub echoes one word a chunk, so about 60 assistant deltas over some 3 s. */
  private static final String LONG_MESSAGE = "word ".repeat(60).trim();

  private static DynamoDBProxyServer dynamoServer;
  private static StubModelServer model;
  private static AwsStandInStack stack;
  private static final RequestCounter WORKER_REQUESTS = new RequestCounter();

  @BeforeAll
  static void start() throws Exception {
    int dynamoPort = freePort();
    dynamoServer = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
    dynamoServer.start();
    URI endpoint = URI.create("http://127.0.0.1:" + dynamoPort);
    model = StubModelServer.start(StubModelOptions.defaults().withTokensPerSecond(TOKENS_PER_SECOND));
    stack = AwsStandInStack.start(null, model.baseUrl(), 0, AwsStandInStack.TOKEN, 30_000,
        client(endpoint, new RequestCounter()), client(endpoint, WORKER_REQUESTS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
    if (dynamoServer != null) {
      dynamoServer.stop();
    }
  }

  @Test
  void theWorkerReadsWhoListensAFewTimesPerTurnNotOncePerEvent() throws Exception {
    String sessionKey = "agent:main:aws-cost-" + System.nanoTime();
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    try (GatewayClient client = connect(events)) {
      // Watching the session as well: the turn streams both agent and chat events to this connection.
      client.call("chat.history", Map.of("sessionKey", sessionKey)).get(30, TimeUnit.SECONDS);
      WORKER_REQUESTS.reset();
      long started = System.nanoTime();
      String runId = GatewayClient.newIdempotencyKey();
      JsonNode answer = client.callExpectFinal("agent", Map.of("message", LONG_MESSAGE, "agentId", "main",
          "sessionKey", sessionKey, "idempotencyKey", runId), accepted -> { }).get(60, TimeUnit.SECONDS);
      assertThat(answer.path("status").asText()).isEqualTo("ok");
      awaitEvent(events, chatFinalOf(runId));
      double seconds = (System.nanoTime() - started) / 1e9;

      Map<String, Integer> counts = WORKER_REQUESTS.snapshot();
      int runEvents = (int) events.stream().filter(e -> runId.equals(e.path("payload").path("runId").asText()))
          .count();
      int audienceReads = counts.getOrDefault(DynamoTables.PENDING_RESPONSES.defaultName() + " Query", 0);
      System.out.printf("one turn of %d events to one connection in %.1f s; worker's DynamoDB requests: %s%n",
          runEvents, seconds, counts);
      assertThat(runEvents).isGreaterThan(100);
      // Who waits and who watches: read at the run's first event, at most once a second after, and fresh for
      // its end; two queries each time.
      assertThat(audienceReads).isLessThanOrEqualTo(2 * (2 + (int) Math.ceil(seconds)));
    }
  }

  @Test
  void agentWaitOnARunThatIsAlreadyStreamingGetsItsEnd() throws Exception {
    String sessionKey = "agent:main:aws-late-wait-" + System.nanoTime();
    List<JsonNode> starterEvents = new CopyOnWriteArrayList<>();
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient starter = connect(starterEvents); GatewayClient late = connect(new CopyOnWriteArrayList<>())) {
      var answer = starter.callExpectFinal("agent", Map.of("message", LONG_MESSAGE, "agentId", "main",
          "sessionKey", sessionKey, "idempotencyKey", runId), accepted -> { });
      awaitEvent(starterEvents, e -> "assistant".equals(e.path("payload").path("stream").asText()));

      JsonNode waited = late.call("agent.wait", Map.of("runId", runId, "timeoutMs", 20_000))
          .get(30, TimeUnit.SECONDS);

      assertThat(waited.path("status").asText()).isEqualTo("ok");
      assertThat(answer.get(30, TimeUnit.SECONDS).path("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void aClientThatStartsWatchingMidRunHearsTheRestOfItAndItsFinal() throws Exception {
    String sessionKey = "agent:main:aws-late-watch-" + System.nanoTime();
    List<JsonNode> senderEvents = new CopyOnWriteArrayList<>();
    List<JsonNode> lateEvents = new CopyOnWriteArrayList<>();
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient sender = connect(senderEvents); GatewayClient late = connect(lateEvents)) {
      sender.call("chat.send", Map.of("sessionKey", sessionKey, "message", LONG_MESSAGE, "idempotencyKey", runId))
          .get(30, TimeUnit.SECONDS);
      awaitEvent(senderEvents, e -> "chat".equals(e.path("event").asText())
          && "delta".equals(e.path("payload").path("state").asText()));

      late.call("chat.history", Map.of("sessionKey", sessionKey)).get(30, TimeUnit.SECONDS);

      JsonNode done = awaitEvent(lateEvents, chatFinalOf(runId));
      assertThat(done.path("payload").path("message").path("content").path(0).path("text").asText())
          .isEqualTo("echo: " + LONG_MESSAGE);
      // The run streamed for seconds after the client joined: it heard deltas, not only the end.
      assertThat(lateEvents).anyMatch(e -> "chat".equals(e.path("event").asText())
          && "delta".equals(e.path("payload").path("state").asText())
          && runId.equals(e.path("payload").path("runId").asText()));
    }
  }

  private static Predicate<JsonNode> chatFinalOf(String runId) {
    return e -> "chat".equals(e.path("event").asText()) && "final".equals(e.path("payload").path("state").asText())
        && runId.equals(e.path("payload").path("runId").asText());
  }

  private static GatewayClient connect(List<JsonNode> events) throws Exception {
    GatewayClient client = GatewayClient.connect(URI.create(stack.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN));
    client.onEvent(events::add);
    return client;
  }

  private static JsonNode awaitEvent(List<JsonNode> events, Predicate<JsonNode> wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode event : events) {
        if (wanted.test(event)) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such event within " + WAIT_MS + " ms; got " + events);
  }

  private static DynamoDbClient client(URI endpoint, RequestCounter counter) {
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Requests per "table operation", the table named by its default name (the stack suffixes a number). */
  static final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String table = context.request().getValueForField("TableName", String.class)
          .map(name -> name.replaceFirst("-\\d+$", "")).orElse("-");
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      counts.computeIfAbsent(table + " " + operation, k -> new AtomicInteger()).incrementAndGet();
    }

    void reset() {
      counts.clear();
    }

    Map<String, Integer> snapshot() {
      Map<String, Integer> copy = new TreeMap<>();
      counts.forEach((key, count) -> copy.put(key, count.get()));
      return copy;
    }
  }
}
