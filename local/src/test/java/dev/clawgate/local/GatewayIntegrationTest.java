package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.GatewayClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end over a real WebSocket on 127.0.0.1: protocol client → Jetty → gateway
 * core → Temporal (in-process test server) → session workflow → activities → disk stores, with the stub
 * model over HTTP.
 */
class GatewayIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateway.start(stateDir);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void chatRoundTripStreamsDeltasThenFinal() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      String runId = GatewayClient.newIdempotencyKey();
      List<JsonNode> accepted = new CopyOnWriteArrayList<>();

      JsonNode done = client.callExpectFinal("agent", Map.of("message", "hello streaming world",
          "agentId", "main", "idempotencyKey", runId, "sessionKey", "round-trip"), accepted::add)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(accepted).singleElement().satisfies(ack -> {
        assertThat(ack.path("runId").asText()).isEqualTo(runId);
        assertThat(ack.path("sessionKey").asText()).isEqualTo("agent:main:round-trip");
      });
      assertThat(done.path("status").asText()).isEqualTo("ok");
      assertThat(TestGateway.finalText(done)).isEqualTo("echo: hello streaming world");
      List<JsonNode> runEvents = agentEvents(events, runId);
      List<String> deltas = new ArrayList<>();
      for (JsonNode event : runEvents) {
        if ("assistant".equals(event.path("stream").asText())) {
          deltas.add(event.path("data").path("delta").asText());
        }
      }
      assertThat(deltas).as("the reply arrives in several streamed pieces").hasSizeGreaterThan(2);
      assertThat(String.join("", deltas).trim()).isEqualTo("echo: hello streaming world");
      assertThat(runEvents.get(0).path("data").path("phase").asText()).isEqualTo("start");
      assertThat(runEvents.get(runEvents.size() - 1).path("data").path("phase").asText()).isEqualTo("end");
      assertThat(runEvents).extracting(e -> e.path("seq").asLong()).isSorted();
    }
  }

  @Test
  void chatSendStreamsChatEventsAndHistoryShowsTheTurn() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      String runId = GatewayClient.newIdempotencyKey();

      JsonNode ack = client.call("chat.send", Map.of("sessionKey", "chat-surface", "message", "hi chat",
          "idempotencyKey", runId)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(ack.path("status").asText()).isEqualTo("started");
      assertThat(ack.path("runId").asText()).isEqualTo(runId);

      JsonNode finalEvent = awaitEvent(events, e -> "chat".equals(e.path("event").asText())
          && runId.equals(e.path("payload").path("runId").asText())
          && "final".equals(e.path("payload").path("state").asText()));
      assertThat(finalEvent.path("payload").path("message").path("content").path(0).path("text").asText())
          .isEqualTo("echo: hi chat");
      assertThat(events).anySatisfy(e -> {
        assertThat(e.path("event").asText()).isEqualTo("chat");
        assertThat(e.path("payload").path("state").asText()).isEqualTo("delta");
      });

      JsonNode history = client.call("chat.history", Map.of("sessionKey", "chat-surface"))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(history.path("messages")).extracting(m -> m.path("role").asText())
          .containsExactly("user", "assistant");
      assertThat(history.path("messages").path(1).path("content").path(0).path("text").asText())
          .isEqualTo("echo: hi chat");
    }
  }

  @Test
  void toolCallWritesFileInWorkspace() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      String runId = GatewayClient.newIdempotencyKey();

      JsonNode done = client.callExpectFinal("agent", Map.of("message",
              "#tool write {\"path\":\"notes/today.txt\",\"content\":\"buy milk\"}",
              "idempotencyKey", runId, "sessionKey", "tools"), null)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(done.path("status").asText()).isEqualTo("ok");
      assertThat(Files.readString(gateway.workspace().resolve("notes/today.txt"), StandardCharsets.UTF_8))
          .isEqualTo("buy milk");
      assertThat(TestGateway.finalText(done)).startsWith("tool result: wrote 8 bytes to notes/today.txt");
      assertThat(agentEvents(events, runId)).filteredOn(e -> "tool".equals(e.path("stream").asText()))
          .extracting(e -> e.path("data").path("phase").asText())
          .containsExactly("start", "result");
    }
  }

  @Test
  void toolCannotWriteOutsideTheWorkspace() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode done = client.callExpectFinal("agent", Map.of("message",
              "#tool write {\"path\":\"../escaped.txt\",\"content\":\"nope\"}",
              "idempotencyKey", GatewayClient.newIdempotencyKey(), "sessionKey", "escape"), null)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(TestGateway.finalText(done)).contains("outside the workspace");
      assertThat(gateway.workspace().resolveSibling("escaped.txt")).doesNotExist();
    }
  }

  @Test
  void sameIdempotencyKeyTwiceGivesOneRun() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      String runId = GatewayClient.newIdempotencyKey();
      Map<String, Object> params = Map.of("message", "only once please", "idempotencyKey", runId,
          "sessionKey", "idempotent");
      long modelCallsBefore = gateway.model.requestCount();

      JsonNode first = client.callExpectFinal("agent", params, null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode again = client.callExpectFinal("agent", params, null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(first.path("status").asText()).isEqualTo("ok");
      assertThat(again.path("runId").asText()).isEqualTo(runId);
      assertThat(TestGateway.finalText(again)).isEqualTo(TestGateway.finalText(first)).isEqualTo(
          "echo: only once please");
      assertThat(gateway.model.requestCount() - modelCallsBefore).as("model calls").isEqualTo(1);
      JsonNode history = client.call("chat.history", Map.of("sessionKey", "idempotent"))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(history.path("messages")).extracting(m -> m.path("role").asText())
          .containsExactly("user", "assistant");
    }
  }

  @Test
  void twoSessionsNeverSeeEachOthersMessages() throws Exception {
    try (GatewayClient alice = gateway.connect(); GatewayClient bob = gateway.connect()) {
      List<JsonNode> aliceEvents = new CopyOnWriteArrayList<>();
      List<JsonNode> bobEvents = new CopyOnWriteArrayList<>();
      alice.onEvent(aliceEvents::add);
      bob.onEvent(bobEvents::add);

      CompletableFuture<JsonNode> a = alice.callExpectFinal("agent", Map.of("message", "alpha secret",
          "idempotencyKey", GatewayClient.newIdempotencyKey(), "sessionKey", "alice"), null);
      CompletableFuture<JsonNode> b = bob.callExpectFinal("agent", Map.of("message", "bravo secret",
          "idempotencyKey", GatewayClient.newIdempotencyKey(), "sessionKey", "bob"), null);

      assertThat(TestGateway.finalText(a.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("echo: alpha secret");
      assertThat(TestGateway.finalText(b.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("echo: bravo secret");
      assertThat(aliceEvents.toString()).doesNotContain("bravo").doesNotContain("agent:main:bob");
      assertThat(bobEvents.toString()).doesNotContain("alpha").doesNotContain("agent:main:alice");
      JsonNode aliceHistory = alice.call("chat.history", Map.of("sessionKey", "alice")).get(10, TimeUnit.SECONDS);
      JsonNode bobHistory = bob.call("chat.history", Map.of("sessionKey", "bob")).get(10, TimeUnit.SECONDS);
      assertThat(aliceHistory.toString()).contains("alpha secret").doesNotContain("bravo");
      assertThat(bobHistory.toString()).contains("bravo secret").doesNotContain("alpha");
    }
  }

  @Test
  void framesSentBackToBackWithoutWaitingAreAllDeliveredAndAnswered() throws Exception {
    // The client queues its sends one behind the other: the JDK WebSocket allows one outstanding send.
    int burst = 20;
    try (GatewayClient client = gateway.connect()) {
      Set<String> answered = ConcurrentHashMap.newKeySet();
      client.onFrame(frame -> {
        if ("res".equals(frame.path("type").asText()) && frame.path("ok").asBoolean()) {
          answered.add(frame.path("id").asText());
        }
      });
      // Frames large enough that a send is still outstanding when the next one starts.
      String pad = "p".repeat(512 * 1024);
      List<CompletableFuture<?>> sends = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        sends.add(client.sendRaw("{\"type\":\"req\",\"id\":\"burst-" + i + "\",\"method\":\"health\","
            + "\"params\":{\"pad\":\"" + pad + "\"}}"));
        sends.add(client.call("health", Map.of()));
      }
      for (CompletableFuture<?> send : sends) {
        send.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
      while (answered.stream().filter(id -> id.startsWith("burst-")).count() < burst
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertThat(answered.stream().filter(id -> id.startsWith("burst-")).count()).isEqualTo(burst);
    }
  }

  @Test
  void twentyMessagesToOneSessionAreAnsweredInAcceptedOrderWithoutOverlap() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      ConcurrentLinkedQueue<JsonNode> events = new ConcurrentLinkedQueue<>();
      client.onEvent(events::add);
      Map<String, Long> acceptedSeq = Collections.synchronizedMap(new HashMap<>());
      List<CompletableFuture<JsonNode>> finals = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String runId = "burst-" + i + "-" + GatewayClient.newIdempotencyKey();
        finals.add(client.callExpectFinal("agent", Map.of("message", "message number " + i,
                "idempotencyKey", runId, "sessionKey", "burst"),
            ack -> acceptedSeq.put(ack.path("runId").asText(), ack.path("queueSeq").asLong())));
      }
      CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new)).get(2 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      List<String> acceptedOrder = new ArrayList<>(acceptedSeq.keySet());
      acceptedOrder.sort((x, y) -> Long.compare(acceptedSeq.get(x), acceptedSeq.get(y)));
      assertThat(acceptedOrder).hasSize(20);

      // Lifecycle events of one connection arrive in the order they happened: start and end must alternate,
      // run by run, in acceptance order.
      List<String> lifecycle = new ArrayList<>();
      for (JsonNode event : events) {
        JsonNode payload = event.path("payload");
        if ("agent".equals(event.path("event").asText()) && "lifecycle".equals(payload.path("stream").asText())) {
          lifecycle.add(payload.path("data").path("phase").asText() + ":" + payload.path("runId").asText());
        }
      }
      List<String> expected = new ArrayList<>();
      for (String runId : acceptedOrder) {
        expected.add("start:" + runId);
        expected.add("end:" + runId);
      }
      assertThat(lifecycle).containsExactlyElementsOf(expected);

      JsonNode history = client.call("chat.history", Map.of("sessionKey", "burst")).get(10, TimeUnit.SECONDS);
      List<String> transcriptOrder = new ArrayList<>();
      for (JsonNode message : history.path("messages")) {
        if ("user".equals(message.path("role").asText())) {
          transcriptOrder.add(message.path("runId").asText());
        }
      }
      assertThat(transcriptOrder).containsExactlyElementsOf(acceptedOrder);
      for (int i = 0; i < 20; i++) {
        assertThat(TestGateway.finalText(finals.get(i).get())).isEqualTo("echo: message number " + i);
      }
    }
  }

  @Test
  void sessionsListAndResetWork() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      client.callExpectFinal("agent", Map.of("message", "remember me", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "resettable"), null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode list = client.call("sessions.list", Map.of()).get(10, TimeUnit.SECONDS);
      assertThat(list.path("sessions")).extracting(row -> row.path("key").asText())
          .contains("agent:main:resettable");

      JsonNode reset = client.call("sessions.reset", Map.of("key", "resettable")).get(10, TimeUnit.SECONDS);
      assertThat(reset.path("ok").asBoolean()).isTrue();
      assertThat(reset.path("key").asText()).isEqualTo("agent:main:resettable");

      JsonNode after = client.callExpectFinal("agent", Map.of("message", "fresh start", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "resettable"), null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(TestGateway.finalText(after)).isEqualTo("echo: fresh start");
      JsonNode history = client.call("chat.history", Map.of("sessionKey", "resettable")).get(10, TimeUnit.SECONDS);
      assertThat(history.toString()).doesNotContain("remember me").contains("fresh start");
    }
  }

  @Test
  void sessionsDeleteRemovesTheSessionButProtectsTheMainOne() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      client.callExpectFinal("agent", Map.of("message", "short-lived", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "doomed"), null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      JsonNode deleted = client.call("sessions.delete", Map.of("key", "doomed")).get(10, TimeUnit.SECONDS);
      assertThat(deleted.path("deleted").asBoolean()).isTrue();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      JsonNode list;
      do {
        list = client.call("sessions.list", Map.of()).get(10, TimeUnit.SECONDS);
      } while (list.toString().contains("agent:main:doomed") && System.nanoTime() < deadline);
      assertThat(list.path("sessions")).extracting(r -> r.path("key").asText()).doesNotContain("agent:main:doomed");
      JsonNode history = client.call("chat.history", Map.of("sessionKey", "doomed")).get(10, TimeUnit.SECONDS);
      assertThat(history.path("messages")).isEmpty();

      assertThatThrownBy(() -> client.call("sessions.delete", Map.of("key", "main")).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("cannot be deleted");
    }
  }

  @Test
  void wakeRunsAHeartbeatThatEveryClientHearsOf() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);

      JsonNode woke = client.call("wake", Map.of("text", "the backup finished")).get(TIMEOUT.toSeconds(),
          TimeUnit.SECONDS);
      assertThat(woke.path("ok").asBoolean()).isTrue();

      JsonNode heartbeat = awaitEvent(events, e -> "heartbeat".equals(e.path("event").asText()));
      // The stub echoes, which is a real reply (not HEARTBEAT_OK), so it is delivered.
      assertThat(heartbeat.path("payload").path("status").asText()).isEqualTo("sent");
      assertThat(heartbeat.path("payload").path("preview").asText()).contains("the backup finished");
      JsonNode last = client.call("last-heartbeat", Map.of()).get(10, TimeUnit.SECONDS);
      assertThat(last.path("status").asText()).isEqualTo("sent");
      assertThat(last.path("sessionKey").asText()).isEqualTo("agent:main:main");
    }
  }

  @Test
  void chatAbortStopsARunningTurn() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      String runId = GatewayClient.newIdempotencyKey();
      CompletableFuture<JsonNode> done = client.callExpectFinal("agent", Map.of("message", "#slow 20000 take your time",
          "idempotencyKey", runId, "sessionKey", "abortable"), null);
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      Thread.sleep(500);

      long start = System.nanoTime();
      JsonNode aborted = client.call("chat.abort", Map.of("sessionKey", "abortable")).get(10, TimeUnit.SECONDS);
      JsonNode result = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(aborted.path("aborted").asBoolean()).isTrue();
      assertThat(aborted.path("runIds").path(0).asText()).isEqualTo(runId);
      assertThat(result.path("status").asText()).isEqualTo("aborted");
      assertThat(tookMs).as("abort to final answer").isLessThan(2_000);
    }
  }

  private static List<JsonNode> agentEvents(List<JsonNode> events, String runId) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode event : events) {
      if ("agent".equals(event.path("event").asText()) && runId.equals(event.path("payload").path("runId").asText())) {
        matching.add(event.path("payload"));
      }
    }
    return matching;
  }

  private static JsonNode awaitEvent(List<JsonNode> events, java.util.function.Predicate<JsonNode> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : events) {
        if (wanted.test(event)) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching event within " + TIMEOUT + "; saw " + events);
  }
}
