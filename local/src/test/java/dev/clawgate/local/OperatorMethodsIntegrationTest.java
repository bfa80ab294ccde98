package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.GatewayClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator methods over a real socket: presence, models, redacted config, usage, logs, session changes. */
class OperatorMethodsIntegrationTest {

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
  void systemPresenceListsTheGatewayAndConnectedClientsAndAnnouncesArrivals() throws Exception {
    try (GatewayClient watcher = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      watcher.onEvent(events::add);
      try (GatewayClient other = gateway.connect()) {
        JsonNode presence = watcher.call("system-presence", Map.of()).get(10, TimeUnit.SECONDS);

        assertThat(presence).extracting(p -> p.path("reason").asText()).contains("self", "connect");
        assertThat(presence.size()).isGreaterThanOrEqualTo(3);
        await(events, e -> "presence".equals(e.path("event").asText()));
      }
    }
  }

  @Test
  void modelsListShowsTheConfiguredModel() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode models = client.call("models.list", Map.of()).get(10, TimeUnit.SECONDS);

      assertThat(models.path("models")).singleElement().satisfies(model -> {
        assertThat(model.path("provider").asText()).isEqualTo("openai");
        assertThat(model.path("id").asText()).isEqualTo("stub");
      });
    }
  }

  @Test
  void configGetRedactsEverySecret() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode config = client.call("config.get", Map.of()).get(10, TimeUnit.SECONDS);

      assertThat(config.toString()).doesNotContain(TestGateway.TOKEN).contains("<redacted>");
      assertThat(config.path("config").path("model").path("model").asText()).isEqualTo("openai:stub");
      assertThat(config.path("config").path("model").path("apiKey").asText()).isEqualTo("<redacted>");
    }
  }

  @Test
  void usageStatusCountsTokensTheModelReported() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      client.callExpectFinal("agent", Map.of("message", "count my tokens please", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "usage"), null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      JsonNode usage = client.call("usage.status", Map.of()).get(10, TimeUnit.SECONDS);

      JsonNode row = null;
      for (JsonNode session : usage.path("sessions")) {
        if ("agent:main:usage".equals(session.path("key").asText())) {
          row = session;
        }
      }
      assertThat(row).isNotNull();
      assertThat(row.path("outputTokens").asLong()).as("the stub reports one token per word").isEqualTo(5);
      assertThat(row.path("inputTokens").asLong()).isPositive();
      assertThat(usage.path("totals").path("totalTokens").asLong()).isGreaterThanOrEqualTo(
          row.path("totalTokens").asLong());
    }
  }

  @Test
  void logsTailFollowsTheLogWithACursor() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode first = client.call("logs.tail", Map.of("limit", 50)).get(10, TimeUnit.SECONDS);
      System.err.println("a line for logs.tail " + first.path("cursor").asLong());
      JsonNode next = client.call("logs.tail", Map.of("cursor", first.path("cursor").asLong()))
          .get(10, TimeUnit.SECONDS);

      assertThat(next.path("lines")).extracting(JsonNode::asText)
          .containsExactly("a line for logs.tail " + first.path("cursor").asLong());
      assertThat(next.path("cursor").asLong()).isEqualTo(first.path("cursor").asLong() + 1);
    }
  }

  @Test
  void subscribersHearOfSessionChanges() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      JsonNode ack = client.call("sessions.subscribe", Map.of()).get(10, TimeUnit.SECONDS);
      assertThat(ack.path("subscribed").asBoolean()).isTrue();

      client.callExpectFinal("agent", Map.of("message", "change something", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "watched"), null).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      JsonNode changed = await(events, e -> "sessions.changed".equals(e.path("event").asText())
          && "agent:main:watched".equals(e.path("payload").path("sessionKey").asText()));
      assertThat(changed.path("payload").path("reason").asText()).isEqualTo("run");
    }
  }

  private static JsonNode await(List<JsonNode> events, Predicate<JsonNode> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : events) {
        if (wanted.test(event)) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching event; saw " + events);
  }
}
