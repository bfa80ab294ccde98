package dev.clawgate.functions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.functions.AwsGateway;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.gateway.FrameLimit;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.infra.dynamo.DynamoTranscriptStore;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.stubmodel.StubModelServer;
import dev.clawgate.transcript.TranscriptEntry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the production AWS worker ({@link dev.clawgate.functions.worker.AwsWorker}) sends that no request asked
 * for, through the API Gateway stand-in with real sockets, DynamoDB Local and the Temporal test server: ticks,
 * {@code chat} events, and frames too large for one API Gateway message.
 */
class AwsWorkerThroughStandInTest {

  private static final long TICK_MS = 300;
  private static final long WAIT_MS = 30_000;

  private static StubModelServer model;
  private static AwsStandInStack stack;

  @BeforeAll
  static void start() throws Exception {
    model = StubModelServer.start();
    stack = AwsStandInStack.start(null, model.baseUrl(), 0, AwsStandInStack.TOKEN, TICK_MS);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private static GatewayClient connect(List<JsonNode> events) throws Exception {
    GatewayClient client = GatewayClient.connect(URI.create(stack.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN));
    client.onEvent(events::add);
    return client;
  }

  private static ConnectionTable connections() {
    return new ConnectionTable(stack.dynamo, DynamoTables.CONNECTIONS.nameIn(stack.env));
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

  private static void assertSeqsIncrease(List<JsonNode> events) {
    List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void connectedClientReceivesTicksFromTheWorker() throws Exception {
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    try (GatewayClient client = connect(events)) {
      client.call("health", Map.of()).get(30, TimeUnit.SECONDS);
      JsonNode first = awaitEvent(events, e -> "tick".equals(e.path("event").asText()));
      awaitEvent(events, e -> "tick".equals(e.path("event").asText()) && e != first);
      assertThat(first.path("payload").path("ts").asLong()).isPositive();
      assertSeqsIncrease(events);
    }
  }

  @Test
  void tickRemovesTheRecordOfAConnectionWhoseSocketIsGone() throws Exception {
    // A connection API Gateway no longer knows (its $disconnect was lost): posting to it answers 410.
    String connId = "gone-" + System.nanoTime();
    ConnectionState state = new ConnectionState(connId, ConnectionState.Phase.CONNECTED, "nonce", 0, "operator",
        Set.of("operator.read"), "test", "cli", "127.0.0.1", null, false);
    connections().create(state, stack.standIn().managementEndpoint());
    assertThat(connections().find(connId)).isPresent();
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (connections().find(connId).isPresent() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(connections().find(connId)).isEmpty();
  }

  @Test
  void chatSendStreamsChatDeltasAndTheFinalToTheRequester() throws Exception {
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    String sessionKey = "agent:main:aws-chat-" + System.nanoTime();
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient client = connect(events)) {
      JsonNode ack = client.call("chat.send", Map.of("sessionKey", sessionKey, "message", "hello chat on aws",
          "idempotencyKey", runId)).get(30, TimeUnit.SECONDS);
      assertThat(ack.path("runId").asText()).isEqualTo(runId);
      JsonNode done = awaitEvent(events, e -> "chat".equals(e.path("event").asText())
          && "final".equals(e.path("payload").path("state").asText()));
      assertThat(done.path("payload").path("runId").asText()).isEqualTo(runId);
      assertThat(done.path("payload").path("sessionKey").asText()).isEqualTo(sessionKey);
      assertThat(done.path("payload").path("message").path("content").path(0).path("text").asText())
          .isEqualTo("echo: hello chat on aws");
      List<JsonNode> deltas = events.stream().filter(e -> "chat".equals(e.path("event").asText())
          && "delta".equals(e.path("payload").path("state").asText())).toList();
      assertThat(deltas).isNotEmpty();
      JsonNode lastDelta = deltas.get(deltas.size() - 1).path("payload");
      assertThat(lastDelta.path("message").path("content").path(0).path("text").asText())
          .isEqualTo("echo: hello chat on aws");
      assertThat(deltas).allSatisfy(d -> assertThat(d.path("payload").path("deltaText").asText()).isNotEmpty());
      assertSeqsIncrease(events);
    }
  }

  @Test
  void aClientThatReadTheHistoryHearsChatEventsOfRunsAnotherClientStarts() throws Exception {
    String sessionKey = "agent:main:aws-watch-" + System.nanoTime();
    List<JsonNode> watcherEvents = new CopyOnWriteArrayList<>();
    List<JsonNode> senderEvents = new CopyOnWriteArrayList<>();
    try (GatewayClient watcher = connect(watcherEvents); GatewayClient sender = connect(senderEvents)) {
      watcher.call("chat.history", Map.of("sessionKey", sessionKey)).get(30, TimeUnit.SECONDS);
      String runId = GatewayClient.newIdempotencyKey();
      sender.call("chat.send", Map.of("sessionKey", sessionKey, "message", "seen elsewhere",
          "idempotencyKey", runId)).get(30, TimeUnit.SECONDS);
      JsonNode done = awaitEvent(watcherEvents, e -> "chat".equals(e.path("event").asText())
          && "final".equals(e.path("payload").path("state").asText()));
      assertThat(done.path("payload").path("runId").asText()).isEqualTo(runId);
      assertThat(done.path("payload").path("message").path("content").path(0).path("text").asText())
          .isEqualTo("echo: seen elsewhere");
    }
  }

  @Test
  void chatHistoryTooLargeForOneMessageLeavesOutTheOldestAndSaysSo() throws Exception {
    String sessionKey = "agent:main:aws-history-" + System.nanoTime();
    DynamoTranscriptStore transcripts = new DynamoTranscriptStore(stack.dynamo,
        DynamoTables.TRANSCRIPTS.nameIn(stack.env));
    String big = "h".repeat(40_000);
    for (int i = 0; i < 6; i++) {
      transcripts.append(sessionKey, TranscriptEntry.user("history-run-" + i, i + ":" + big, 1_000L + i));
    }
    try (GatewayClient client = connect(new CopyOnWriteArrayList<>())) {
      JsonNode history = client.call("chat.history", Map.of("sessionKey", sessionKey, "limit", 50))
          .get(30, TimeUnit.SECONDS);
      assertThat(history.path("omitted").asInt()).isGreaterThanOrEqualTo(3);
      JsonNode messages = history.path("messages");
      assertThat(messages.size() + history.path("omitted").asInt()).isEqualTo(6);
      assertThat(messages.get(messages.size() - 1).path("content").path(0).path("text").asText()).startsWith("5:");
      assertThat(FrameCodec.JSON.writeValueAsString(history).getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(AwsGateway.MAX_PAYLOAD);
    }
  }

  @Test
  void aReplyLargerThanOneMessageStreamsInPiecesCutsWhatCannotBeSplitAndRefusesTheFinalAnswer() throws Exception {
    // The read tool returns up to 128 K characters; the stub answers "tool result: <content>", one word per chunk,
    // so the reply arrives as one delta of 128 K characters.
    Path workspace = AwsGateway.agents().resolve("main").workspace();
    Files.createDirectories(workspace);
    String file = "big-" + System.nanoTime() + ".txt";
    Files.writeString(workspace.resolve(file), "x".repeat(140_000));
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    try (GatewayClient client = connect(events)) {
      var answer = client.callExpectFinal("agent", Map.of("message", "#tool read {\"path\":\"" + file + "\"}",
          "agentId", "main", "idempotencyKey", GatewayClient.newIdempotencyKey()), accepted -> { });
      assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(GatewayCallException.class, refused -> {
            assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
            assertThat(refused.detailCode()).isEqualTo(FrameLimit.RESPONSE_TOO_LARGE);
            assertThat(refused.error().path("details").path("size").asInt()).isGreaterThan(AwsGateway.MAX_PAYLOAD);
          });
      awaitEvent(events, e -> "agent".equals(e.path("event").asText())
          && "end".equals(e.path("payload").path("data").path("phase").asText()));
      List<JsonNode> assistant = events.stream().filter(e -> "assistant".equals(e.path("payload").path("stream")
          .asText())).toList();
      String streamed = String.join("", assistant.stream().map(e -> e.path("payload").path("data").path("delta")
          .asText()).toList());
      assertThat(streamed).contains("x".repeat(128 * 1024));
      assertThat(assistant.stream().filter(e -> e.path("payload").path("data").path("delta").asText().startsWith("x")))
          .hasSizeGreaterThanOrEqualTo(4);
      assertThat(assistant).anySatisfy(e -> assertThat(e.path("payload").path("data").path("text").asText())
          .contains("bytes cut: the message limit is " + AwsGateway.MAX_PAYLOAD));
      JsonNode toolResult = awaitEvent(events, e -> "tool".equals(e.path("payload").path("stream").asText())
          && "result".equals(e.path("payload").path("data").path("phase").asText()));
      assertThat(toolResult.path("payload").path("data").path("result").toString()).contains("bytes cut");
      for (JsonNode event : events) {
        assertThat(FrameCodec.JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(AwsGateway.MAX_PAYLOAD);
      }
      assertSeqsIncrease(events);
    }
  }
}
