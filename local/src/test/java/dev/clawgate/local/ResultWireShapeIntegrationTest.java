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

  @Test
  void cronJobsPagesAndRunLogsKeepOpenClawsShapes() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      Set<String> varying = Set.of("id", "jobId", "createdAtMs", "updatedAtMs", "state", "snapshotRevision", "ts",
          "runId", "runAtMs", "durationMs");
      JsonNode full = client.call("cron.add", Map.of("name", "shape-full", "description", "every optional field",
          "agentId", "main", "deleteAfterRun", false, "schedule", Map.of("kind", "cron", "expr", "0 9 * * *", "tz",
          "Europe/Berlin"), "sessionTarget", "isolated", "wakeMode", "now", "payload", Map.of("kind", "agentTurn",
          "message", "digest", "model", "openai:stub", "timeoutSeconds", 30), "delivery", Map.of("mode", "none")))
          .get(10, TimeUnit.SECONDS);
      JsonNode fullJob = json("{\"id\":\"<text>\",\"agentId\":\"main\",\"name\":\"shape-full\","
          + "\"description\":\"every optional field\",\"enabled\":true,\"deleteAfterRun\":false,"
          + "\"createdAtMs\":\"<integer>\",\"updatedAtMs\":\"<integer>\","
          + "\"schedule\":{\"kind\":\"cron\",\"expr\":\"0 9 * * *\",\"tz\":\"Europe/Berlin\"},"
          + "\"sessionTarget\":\"isolated\",\"wakeMode\":\"now\",\"payload\":{\"kind\":\"agentTurn\","
          + "\"message\":\"digest\",\"model\":\"openai:stub\",\"timeoutSeconds\":30},"
          + "\"delivery\":{\"mode\":\"none\"},\"state\":\"<object>\"}");
      assertThat(normalized(full, varying)).isEqualTo(fullJob);
      assertState(full.path("state"));

      JsonNode bare = client.call("cron.add", Map.of("name", "shape-bare", "schedule", Map.of("kind", "every",
          "everyMs", 3_600_000L), "payload", Map.of("kind", "systemEvent", "text", "tick")))
          .get(10, TimeUnit.SECONDS);
      String bareId = bare.path("id").asText();
      JsonNode bareJob = json("{\"id\":\"<text>\",\"name\":\"shape-bare\",\"enabled\":true,"
          + "\"createdAtMs\":\"<integer>\",\"updatedAtMs\":\"<integer>\","
          + "\"schedule\":{\"kind\":\"every\",\"everyMs\":3600000},"
          + "\"sessionTarget\":\"main\",\"wakeMode\":\"now\",\"payload\":{\"kind\":\"systemEvent\","
          + "\"text\":\"tick\"},\"state\":\"<object>\"}");
      assertThat(normalized(bare, varying)).isEqualTo(bareJob);
      assertThat(normalized(client.call("cron.get", Map.of("id", bareId)).get(10, TimeUnit.SECONDS),
          varying)).isEqualTo(bareJob);
      JsonNode updated = client.call("cron.update", Map.of("id", bareId, "patch", Map.of("description", "patched")))
          .get(10, TimeUnit.SECONDS);
      ObjectNode patchedJob = bareJob.deepCopy();
      patchedJob.put("description", "patched");
      assertThat(normalized(updated, varying)).isEqualTo(patchedJob);

      JsonNode firstPage = client.call("cron.list", Map.of("query", "shape-", "limit", 1)).get(10, TimeUnit.SECONDS);
      assertThat(normalized(firstPage, Set.of("jobs", "snapshotRevision"))).isEqualTo(json(
          "{\"jobs\":\"<array>\",\"total\":2,\"offset\":0,\"limit\":1,\"hasMore\":true,\"nextOffset\":1,"
          + "\"snapshotRevision\":\"<text>\"}"));
      JsonNode page = client.call("cron.list", Map.of("query", "shape-")).get(10, TimeUnit.SECONDS);
      assertThat(normalized(page, Set.of("jobs", "snapshotRevision"))).isEqualTo(json(
          "{\"jobs\":\"<array>\",\"total\":2,\"offset\":0,\"limit\":200,\"hasMore\":false,"
          + "\"nextOffset\":null,\"snapshotRevision\":\"<text>\"}"));
      assertThat(page.path("snapshotRevision").asText()).startsWith("r");
      ObjectNode listedFull = fullJob.deepCopy();
      listedFull.put("effectiveAgentId", "main");
      ObjectNode listedBare = patchedJob.deepCopy();
      listedBare.put("effectiveAgentId", "main");
      assertThat(page.path("jobs")).extracting(job -> normalized(job, varying))
          .containsExactlyInAnyOrder(listedFull, listedBare);

      String runId = client.call("cron.run", Map.of("id", bareId)).get(10, TimeUnit.SECONDS).path("runId").asText();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      JsonNode runs;
      do {
        runs = client.call("cron.runs", Map.of("id", bareId, "runId", runId)).get(10, TimeUnit.SECONDS);
      } while (runs.path("total").asInt() == 0 && System.nanoTime() < deadline && pause());
      assertThat(normalized(runs, Set.of("entries"))).isEqualTo(json("{\"entries\":\"<array>\",\"total\":1,"
          + "\"offset\":0,\"limit\":50,\"hasMore\":false,\"nextOffset\":null}"));
      assertThat(normalized(runs.path("entries").path(0), varying)).isEqualTo(json("{\"ts\":\"<integer>\","
          + "\"jobId\":\"<text>\",\"jobName\":\"shape-bare\",\"action\":\"finished\",\"status\":\"ok\","
          + "\"summary\":\"echo: [System event from cron job \\\"shape-bare\\\"] tick\","
          + "\"deliveryStatus\":\"not-requested\",\"delivered\":false,\"sessionKey\":\"agent:main:main\",\"runId\":\"<text>\",\"runAtMs\":\"<integer>\","
          + "\"durationMs\":\"<integer>\"}"));

      client.call("cron.remove", Map.of("id", bareId)).get(10, TimeUnit.SECONDS);
      client.call("cron.remove", Map.of("id", full.path("id").asText())).get(10, TimeUnit.SECONDS);
    }
  }

  private static void assertState(JsonNode state) {
    assertThat(state.isObject()).isTrue();
    state.fields().forEachRemaining(field -> assertThat(field.getKey()).isIn("nextRunAtMs", "runningAtMs",
        "lastRunAtMs", "lastRunStatus", "lastError", "lastDurationMs", "consecutiveErrors"));
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(50);
    return true;
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
