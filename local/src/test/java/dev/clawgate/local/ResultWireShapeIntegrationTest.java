package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.FrameCodec;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact JSON of answers that clients (OpenClaw's CLI among them) read, pinned while their handlers move from
 * open maps to typed records: same field names, nulls omitted or present as before, integers stay integers.
 * Values that vary per run (clocks, cursors, host names) are replaced by their JSON type before comparing.
 */
class ResultWireShapeIntegrationTest {

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
  void sessionsDeleteAnswersOkKeyAndDeleted() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode deleted = client.call("sessions.delete", Map.of("key", "never-used")).get(10, TimeUnit.SECONDS);

      assertThat(deleted).isEqualTo(json("{\"ok\":true,\"key\":\"agent:main:never-used\",\"deleted\":true}"));
    }
  }

  @Test
  void sessionsSubscribeWithoutLimitAnswersSubscribedOnly() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode ack = client.call("sessions.subscribe", Map.of()).get(10, TimeUnit.SECONDS);

      assertThat(ack).isEqualTo(json("{\"subscribed\":true}"));
    }
  }

  @Test
  void sessionsSubscribeWithALimitAnswersTheSessionsList() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode list = client.call("sessions.subscribe", Map.of("limit", 1)).get(10, TimeUnit.SECONDS);

      assertThat(normalized(list, Set.of("ts", "count", "sessions"))).isEqualTo(json(
          "{\"ts\":\"<integer>\",\"count\":\"<integer>\",\"sessions\":\"<array>\"}"));
    }
  }

  @Test
  void systemPresenceAnswersABareArrayWithoutNullFields() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode presence = client.call("system-presence", Map.of()).get(10, TimeUnit.SECONDS);

      assertThat(presence.isArray()).isTrue();
      JsonNode self = null;
      JsonNode connected = null;
      for (JsonNode entry : presence) {
        if ("self".equals(entry.path("reason").asText())) {
          self = entry;
        } else if (connected == null) {
          connected = entry;
        }
      }
      Set<String> varying = Set.of("host", "ip", "version", "platform", "ts", "clientId", "mode", "instanceId",
          "scopes");
      assertThat(normalized(self, varying)).isEqualTo(json("{\"host\":\"<text>\",\"clientId\":\"<text>\","
          + "\"mode\":\"<text>\",\"version\":\"<text>\",\"platform\":\"<text>\",\"roles\":[\"gateway\"],"
          + "\"scopes\":\"<array>\","
          + "\"reason\":\"self\",\"ts\":\"<integer>\"}"));
      assertThat(self.path("scopes").isArray() && self.path("scopes").isEmpty()).isTrue();
      // Our Java client sends no displayName or instanceId: those fields are absent, not null.
      assertThat(normalized(connected, varying)).isEqualTo(json("{\"ip\":\"<text>\","
          + "\"clientId\":\"<text>\",\"mode\":\"<text>\",\"version\":\"<text>\",\"platform\":\"<text>\","
          + "\"roles\":[\"operator\"],\"scopes\":\"<array>\",\"reason\":\"connect\",\"ts\":\"<integer>\"}"));
      assertThat(connected.path("scopes")).extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("operator.write", "operator.read", "operator.admin");
    }
  }

  @Test
  void modelsListAnswersOneRowPerModelWithItsAgents() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode models = client.call("models.list", Map.of()).get(10, TimeUnit.SECONDS);

      assertThat(models).isEqualTo(json("{\"models\":[{\"id\":\"stub\",\"name\":\"openai:stub\","
          + "\"provider\":\"openai\",\"agents\":[\"main\"]}]}"));
    }
  }

  @Test
  void usageStatusAnswersTotalsAndARowPerSession() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      client.callExpectFinal("agent", Map.of("message", "count these tokens", "idempotencyKey",
          GatewayClient.newIdempotencyKey(), "sessionKey", "usage-shape"), null).get(60, TimeUnit.SECONDS);

      JsonNode usage = client.call("usage.status", Map.of()).get(10, TimeUnit.SECONDS);

      ArrayNode sessions = (ArrayNode) usage.path("sessions");
      JsonNode row = null;
      for (JsonNode session : sessions) {
        if ("agent:main:usage-shape".equals(session.path("key").asText())) {
          row = session;
        }
      }
      Set<String> counts = Set.of("updatedAt", "inputTokens", "outputTokens", "totalTokens", "turns");
      assertThat(normalized(row, counts)).isEqualTo(json("{\"key\":\"agent:main:usage-shape\","
          + "\"agentId\":\"main\",\"inputTokens\":\"<integer>\",\"outputTokens\":\"<integer>\","
          + "\"totalTokens\":\"<integer>\",\"turns\":\"<integer>\"}"));
      ObjectNode rest = usage.deepCopy();
      rest.putArray("sessions");
      assertThat(normalized(rest, counts)).isEqualTo(json("{\"updatedAt\":\"<integer>\",\"totals\":{"
          + "\"inputTokens\":\"<integer>\",\"outputTokens\":\"<integer>\",\"totalTokens\":\"<integer>\"},"
          + "\"sessions\":[]}"));
    }
  }

  @Test
  void logsTailAnswersCursorLinesAndTruncated() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode first = client.call("logs.tail", Map.of("limit", 1)).get(10, TimeUnit.SECONDS);
      JsonNode next = client.call("logs.tail", Map.of("cursor", first.path("cursor").asLong() + 1000))
          .get(10, TimeUnit.SECONDS);

      assertThat(normalized(first, Set.of("cursor", "lines"))).isEqualTo(json(
          "{\"cursor\":\"<integer>\",\"lines\":\"<array>\",\"truncated\":false}"));
      assertThat(first.path("lines")).allSatisfy(line -> assertThat(line.isTextual()).isTrue());
      assertThat(normalized(next, Set.of("cursor"))).isEqualTo(json(
          "{\"cursor\":\"<integer>\",\"lines\":[],\"truncated\":false}"));
    }
  }

  @Test
  void cronStatusRunAndRemoveAnswerTheirSmallObjects() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode before = client.call("cron.status", Map.of()).get(10, TimeUnit.SECONDS);
      assertThat(before).as("nextWakeAtMs is present as null when no job is due").isEqualTo(json(
          "{\"enabled\":true,\"storage\":\"clawgate\",\"scheduler\":\"temporal workflow cron-scheduler\","
          + "\"jobs\":0,\"enabledJobs\":0,\"nextWakeAtMs\":null}"));

      Map<String, Object> hourly = Map.of("kind", "every", "everyMs", 3_600_000L);
      Map<String, Object> payload = Map.of("kind", "agentTurn", "message", "shape check");
      String enabled = client.call("cron.add", Map.of("name", "shape-on", "schedule", hourly, "payload", payload))
          .get(10, TimeUnit.SECONDS).path("id").asText();
      String disabled = client.call("cron.add", Map.of("name", "shape-off", "enabled", false, "schedule", hourly,
          "payload", payload)).get(10, TimeUnit.SECONDS).path("id").asText();

      JsonNode after = client.call("cron.status", Map.of()).get(10, TimeUnit.SECONDS);
      assertThat(normalized(after, Set.of("nextWakeAtMs"))).isEqualTo(json(
          "{\"enabled\":true,\"storage\":\"clawgate\",\"scheduler\":\"temporal workflow cron-scheduler\","
          + "\"jobs\":2,\"enabledJobs\":1,\"nextWakeAtMs\":\"<integer>\"}"));

      assertThat(client.call("cron.run", Map.of("id", enabled, "mode", "due")).get(10, TimeUnit.SECONDS))
          .isEqualTo(json("{\"ok\":true,\"ran\":false,\"reason\":\"not-due\"}"));
      assertThat(client.call("cron.run", Map.of("id", disabled, "mode", "if-enabled")).get(10, TimeUnit.SECONDS))
          .isEqualTo(json("{\"ok\":true,\"ran\":false,\"reason\":\"disabled\"}"));
      assertThat(normalized(client.call("cron.run", Map.of("id", enabled)).get(10, TimeUnit.SECONDS),
          Set.of("runId"))).isEqualTo(json("{\"ok\":true,\"enqueued\":true,\"runId\":\"<text>\"}"));

      assertThat(client.call("cron.remove", Map.of("id", disabled)).get(10, TimeUnit.SECONDS))
          .isEqualTo(json("{\"ok\":true,\"removed\":true}"));
      client.call("cron.remove", Map.of("id", enabled)).get(10, TimeUnit.SECONDS);
    }
  }

  private static JsonNode json(String text) throws Exception {
    return FrameCodec.JSON.readTree(text);
  }

  /** A copy with the named fields (at any depth) replaced by their JSON type: {@code "<integer>"}, {@code "<text>"}. */
  static JsonNode normalized(JsonNode node, Set<String> varying) {
    assertThat(node).as("the answer has the entry to compare").isNotNull();
    JsonNode copy = node.deepCopy();
    replace(copy, varying);
    return copy;
  }

  private static void replace(JsonNode node, Set<String> varying) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Iterator<String> names = object.fieldNames();
      for (String name : (Iterable<String>) () -> names) {
        JsonNode value = object.get(name);
        if (varying.contains(name)) {
          object.set(name, TextNode.valueOf(typeOf(value)));
        } else {
          replace(value, varying);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> replace(element, varying));
    }
  }

  private static String typeOf(JsonNode value) {
    if (value.isIntegralNumber()) {
      return "<integer>";
    }
    if (value.isTextual()) {
      return "<text>";
    }
    if (value.isArray()) {
      return "<array>";
    }
    return "<" + value.getNodeType().name().toLowerCase() + ">";
  }
}
