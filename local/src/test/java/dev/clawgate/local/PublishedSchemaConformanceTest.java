package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.gateway.PublishedSchema;
import dev.clawgate.protocol.FrameCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live gateway actually sends matches the published schema: every frame validates against the document,
 * every typed answer against its method's result definitions, every event payload against its event's definition.
 */
class PublishedSchemaConformanceTest {

  private static final long TIMEOUT_MS = 60_000;

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;
  private static final ObjectNode DOCUMENT = PublishedSchema.document();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

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
  void framesOfALiveGatewayMatchThePublishedSchema() throws Exception {
    List<JsonNode> frames = new CopyOnWriteArrayList<>();
    GatewayClient client = GatewayClient.open(gateway.gateway.url());
    client.onFrame(frames::add);
    try {
      Map<String, String> methodById = new LinkedHashMap<>();
      exchange(client, frames, methodById, "c", "connect", connectParams(), 1);
      exchange(client, frames, methodById, "a1", "agent",
          Map.of("message", "conformance", "idempotencyKey", "conf-1", "sessionKey", "conformance"), 2);
      exchange(client, frames, methodById, "w1", "agent.wait", Map.of("runId", "conf-1",
          "sessionKey", "agent:main:conformance"), 1);
      exchange(client, frames, methodById, "a2", "agent",
          Map.of("message", "conformance", "idempotencyKey", "conf-1", "sessionKey", "conformance"), 1);
      exchange(client, frames, methodById, "s1", "chat.send", Map.of("sessionKey", "conformance-chat",
          "message", "chat conformance", "idempotencyKey", "conf-2"), 1);
      await("the chat run's final event", frames, f -> "chat".equals(f.path("event").asText())
          && "final".equals(f.path("payload").path("state").asText()));
      exchange(client, frames, methodById, "h1", "chat.history", Map.of("sessionKey", "conformance-chat"), 1);
      exchange(client, frames, methodById, "l1", "sessions.list", Map.of(), 1);
      exchange(client, frames, methodById, "r1", "sessions.reset", Map.of("key", "conformance-chat"), 1);
      exchange(client, frames, methodById, "g1", "agents.list", Map.of(), 1);
      exchange(client, frames, methodById, "d1", "sessions.delete", Map.of("key", "conformance-doomed"), 1);
      exchange(client, frames, methodById, "b1", "sessions.subscribe", Map.of(), 1);
      exchange(client, frames, methodById, "b2", "sessions.subscribe", Map.of("limit", 5), 1);
      exchange(client, frames, methodById, "p1", "system-presence", Map.of(), 1);
      exchange(client, frames, methodById, "m1", "models.list", Map.of(), 1);
      exchange(client, frames, methodById, "u1", "usage.status", Map.of(), 1);
      exchange(client, frames, methodById, "t1", "logs.tail", Map.of("limit", 5), 1);
      exchange(client, frames, methodById, "k1", "cron.status", Map.of(), 1);
      exchange(client, frames, methodById, "k2", "cron.add", Map.of("id", "conformance-job", "name", "conformance",
          "schedule", Map.of("kind", "every", "everyMs", 3_600_000L), "payload", Map.of("kind", "agentTurn",
          "message", "conformance")), 1);
      String jobId = frames.stream().filter(f -> "k2".equals(f.path("id").asText())).findFirst().orElseThrow()
          .path("payload").path("id").asText();
      exchange(client, frames, methodById, "k3", "cron.run", Map.of("id", jobId, "mode", "due"), 1);
      exchange(client, frames, methodById, "k5", "cron.get", Map.of("id", jobId), 1);
      exchange(client, frames, methodById, "k6", "cron.update", Map.of("id", jobId, "patch",
          Map.of("description", "patched")), 1);
      exchange(client, frames, methodById, "k7", "cron.list", Map.of(), 1);
      exchange(client, frames, methodById, "k8", "cron.runs", Map.of("id", jobId), 1);
      exchange(client, frames, methodById, "k4", "cron.remove", Map.of("id", jobId), 1);
      exchange(client, frames, methodById, "x1", "health", Map.of(), 1);
      exchange(client, frames, methodById, "x2", "status", Map.of(), 1);
      exchange(client, frames, methodById, "e1", "agent", Map.of("message", 5), 1);

      JsonSchema frameSchema = FACTORY.getSchema(DOCUMENT);
      Set<String> eventsSeen = new TreeSet<>();
      Set<String> typedAnswers = new TreeSet<>();
      for (JsonNode frame : frames) {
        assertThat(frameSchema.validate(frame)).as("frame %s", frame).isEmpty();
        if ("event".equals(frame.path("type").asText())) {
          String event = frame.path("event").asText();
          eventsSeen.add(event);
          JsonNode payloadSchema = DOCUMENT.path("events").path(event).path("payload");
          assertThat(DOCUMENT.path("events").has(event)).as("event %s is in the schema", event).isTrue();
          assertThat(validate(payloadSchema, frame.path("payload"))).as("%s payload %s", event, frame).isEmpty();
        } else if (frame.path("ok").asBoolean()) {
          String method = methodById.get(frame.path("id").asText());
          JsonNode results = DOCUMENT.path("methods").path(method).path("results");
          if (results.isArray() && !results.isEmpty()) {
            typedAnswers.add(method);
            ObjectNode anyResult = FrameCodec.JSON.createObjectNode();
            anyResult.set("anyOf", results);
            assertThat(validate(anyResult, frame.path("payload"))).as("%s answer %s", method, frame).isEmpty();
          }
        }
      }
      // connect.challenge may arrive before the listener is registered; its record is checked in gateway-ws.
      assertThat(eventsSeen).contains("agent", "chat");
      assertThat(typedAnswers).contains("connect", "agent", "agent.wait", "chat.send", "chat.history",
          "sessions.list", "sessions.reset", "agents.list", "sessions.delete", "sessions.subscribe", "system-presence",
          "models.list", "usage.status", "logs.tail", "cron.status", "cron.run", "cron.remove",
          "cron.add", "cron.get", "cron.update", "cron.list", "cron.runs");
    } finally {
      client.close();
    }
  }

  private static List<ValidationMessage> validate(JsonNode schema, JsonNode value) {
    ObjectNode wrapper = FrameCodec.JSON.createObjectNode();
    wrapper.put("$schema", DOCUMENT.path("$schema").asText());
    wrapper.putArray("allOf").add(schema);
    wrapper.set("definitions", DOCUMENT.path("definitions"));
    return new ArrayList<>(FACTORY.getSchema(wrapper).validate(value));
  }

  /** Sends a request with a known id and waits for that many answers to it. */
  private static void exchange(GatewayClient client, List<JsonNode> frames, Map<String, String> methodById, String id,
      String method, Object params, int answers) throws Exception {
    methodById.put(id, method);
    ObjectNode frame = FrameCodec.JSON.createObjectNode();
    frame.put("type", "req").put("id", id).put("method", method);
    frame.set("params", FrameCodec.JSON.valueToTree(params));
    client.sendRaw(frame.toString()).get();
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (frames.stream().filter(f -> "res".equals(f.path("type").asText()) && id.equals(f.path("id").asText()))
        .count() < answers) {
      assertThat(System.currentTimeMillis()).as("%d answers to %s", answers, method).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void await(String what, List<JsonNode> frames, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (frames.stream().noneMatch(condition)) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static ObjectNode connectParams() {
    ObjectNode params = FrameCodec.JSON.createObjectNode();
    params.put("minProtocol", 4).put("maxProtocol", 4);
    params.putObject("client").put("id", "cli").put("version", "test").put("platform", "linux").put("mode", "cli");
    ArrayNode scopes = params.putArray("scopes");
    scopes.add("operator.admin");
    params.putObject("auth").put("token", TestGateway.TOKEN);
    return params;
  }
}
