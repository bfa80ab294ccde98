package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.infra.disk.DiskTranscriptStore;
import dev.clawgate.transcript.TranscriptEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook endpoints over real HTTP on the gateway's port (java.net.http), against the production wiring
 * with the in-process Temporal test server and the stub model. Every answer the endpoints promise is here.
 */
class WebhookIntegrationTest {

  static final String HOOKS_TOKEN = "hooks-token-" + Long.toHexString(System.nanoTime());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir
  static Path stateDir;

  static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(stateDir.resolve("clawgate.json"), """
        {"hooks": {
          "maxBodyBytes": 4096,
          "mappings": [
            {"name": "github", "sessionKey": "hook:github:{{body.repo}}",
             "messageTemplate": "New issue in {{body.repo}}: {{body.issue.title}} (#{{body.issue.number}})"},
            {"name": "doorbell", "action": "wake", "messageTemplate": "Someone rang at {{body.door}}"},
            {"name": "escape", "sessionKey": "{{body.key}}", "messageTemplate": "{{body.text}}"}
          ]}}
        """);
    gateway = TestGateway.start(stateDir, Map.of("CLAWGATE_HOOKS_TOKEN", HOOKS_TOKEN));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void wakeQueuesASystemEventInTheMainSession() throws Exception {
    HttpResponse<String> response = post("/hooks/wake", "{\"text\":\"the backup finished\",\"mode\":\"now\"}");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(body.path("sessionKey").asText()).isEqualTo("agent:main:main");
    assertThat(body.path("eventOutcome").asText()).isEqualTo("queued");
    String runId = body.path("runId").asText();
    awaitUserEntry("agent:main:main", runId, "[System event from webhook] the backup finished");
  }

  @Test
  void agentHookRunsATurnAndAnswersWithTheOutcomeWhenAskedToWait() throws Exception {
    HttpResponse<String> response = post("/hooks/agent",
        "{\"message\":\"hello hook\",\"sessionKey\":\"hook:tests\",\"waitForCompletion\":true,\"timeoutSeconds\":60}");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(body.path("sessionKey").asText()).isEqualTo("agent:main:hook:tests");
    assertThat(body.path("completion").path("status").asText()).isEqualTo("ok");
    assertThat(body.path("completion").path("text").asText()).isEqualTo("echo: hello hook");
  }

  @Test
  void agentHookWithoutWaitingAnswersWithTheRunIdAtOnce() throws Exception {
    HttpResponse<String> response = post("/hooks/agent", "{\"message\":\"no wait\"}");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.path("runId").asText()).startsWith("hook:");
    assertThat(body.path("status").asText()).isEqualTo("accepted");
    assertThat(body.has("completion")).isFalse();
    awaitUserEntry("agent:main:hook:agent", body.path("runId").asText(), "no wait");
  }

  @Test
  void aRepeatedIdempotencyKeyStartsNoSecondRunAndReturnsTheFirstResult() throws Exception {
    String key = "delivery-" + System.nanoTime();
    String payload = "{\"message\":\"only once\",\"sessionKey\":\"hook:idem\",\"waitForCompletion\":true}";

    JsonNode first = json(post("/hooks/agent", payload, "Idempotency-Key", key));
    JsonNode second = json(post("/hooks/agent", payload, "Idempotency-Key", key));

    assertThat(first.path("runId").asText()).isEqualTo(key);
    assertThat(second.path("runId").asText()).isEqualTo(key);
    assertThat(second.path("duplicate").asBoolean()).isTrue();
    assertThat(second.path("completion")).isEqualTo(first.path("completion"));
    assertThat(userEntries("agent:main:hook:idem")).filteredOn(e -> key.equals(e.runId())).hasSize(1);
  }

  @Test
  void aMappedHookTemplatesTheBodyIntoTheMessageAndTheSession() throws Exception {
    HttpResponse<String> response = post("/hooks/github",
        "{\"repo\":\"clawgate\",\"issue\":{\"title\":\"Cron runs twice\",\"number\":42}}");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.path("sessionKey").asText()).isEqualTo("agent:main:hook:github:clawgate");
    awaitUserEntry("agent:main:hook:github:clawgate", body.path("runId").asText(),
        "New issue in clawgate: Cron runs twice (#42)");
  }

  @Test
  void aMappedWakeHookReachesTheMainSession() throws Exception {
    JsonNode body = json(post("/hooks/doorbell", "{\"door\":\"the front door\"}"));

    assertThat(body.path("sessionKey").asText()).isEqualTo("agent:main:main");
    awaitUserEntry("agent:main:main", body.path("runId").asText(),
        "[System event from webhook] Someone rang at the front door");
  }

  @Test
  void aSessionKeyOutsideTheAllowedPrefixesIs400() throws Exception {
    assertError(post("/hooks/escape", "{\"key\":\"agent:main:main\",\"text\":\"hi\"}"), 400, "sessionKey");
    assertError(post("/hooks/agent", "{\"message\":\"hi\",\"sessionKey\":\"telegram:dm:1\"}"), 400, "sessionKey");
  }

  @Test
  void aMissingOrWrongTokenIs401AndTheTokenHeaderWorksToo() throws Exception {
    HttpRequest.Builder noToken = request("/hooks/wake").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))
        .header("Content-Type", "application/json");
    assertError(HTTP.send(noToken.build(), HttpResponse.BodyHandlers.ofString()), 401, null);
    assertError(send(request("/hooks/wake").header("Authorization", "Bearer wrong").header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))), 401, null);
    assertError(send(request("/hooks/wake").header("Authorization", "Bearer " + TestGateway.TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))),
        401, null);

    HttpResponse<String> viaHeader = send(request("/hooks/wake").header("x-clawgate-token", HOOKS_TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hdr\"}")));
    assertThat(viaHeader.statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenInTheQueryStringIsRefusedWithAPointerToTheHeader() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/hooks/wake?token=" + HOOKS_TOKEN))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")));

    assertError(response, 400, null);
    assertThat(json(response).path("error").path("message").asText()).contains("Authorization: Bearer");
  }

  @Test
  void aMethodOtherThanPostIs405() throws Exception {
    HttpResponse<String> response = send(authorized("/hooks/wake").GET());

    assertError(response, 405, null);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void anUnknownHookIs404() throws Exception {
    assertError(post("/hooks/nope", "{}"), 404, null);
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    assertError(send(authorized("/hooks/wake").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("text=hi"))), 415, null);
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
    String big = "{\"text\":\"" + "x".repeat(5000) + "\"}";
    assertError(post("/hooks/wake", big), 413, null);

    // No Content-Length: a chunked body is counted while it streams.
    HttpResponse<String> chunked = send(authorized("/hooks/wake").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));
    assertError(chunked, 413, null);
  }

  @Test
  void schemaViolationsAre400NamingTheField() throws Exception {
    assertError(post("/hooks/wake", "{}"), 400, "text");
    assertError(post("/hooks/wake", "{\"text\":\"x\",\"mode\":\"later\"}"), 400, "mode");
    assertError(post("/hooks/agent", "{\"message\":42}"), 400, "message");
    assertError(post("/hooks/agent", "{\"message\":\"x\",\"agentId\":\"ghost\"}"), 400, "agentId");
    assertError(post("/hooks/agent", "{\"message\":\"x\",\"waitForCompletion\":\"yes\"}"), 400, "waitForCompletion");
    assertError(post("/hooks/agent", "{\"message\":\"x\",\"timeoutSeconds\":-1}"), 400, "timeoutSeconds");
    assertError(post("/hooks/agent", "{\"message\":"), 400, "body");
    assertError(post("/hooks/agent", "[1,2]"), 400, "body");
    assertError(post("/hooks/agent", ""), 400, "body");
    assertError(post("/hooks/agent", "{\"message\":\"x\"}", "Idempotency-Key", "x".repeat(300)), 400,
        "Idempotency-Key");
  }

  @Test
  void requestsFromOneAddressBeyondTheRateLimitAre429(@TempDir Path otherState) throws Exception {
    Files.writeString(otherState.resolve("clawgate.json"), "{\"hooks\":{\"rateLimit\":{\"perMinute\":1,\"burst\":2}}}");
    try (TestGateway limited = TestGateway.start(otherState, Map.of("CLAWGATE_HOOKS_TOKEN", HOOKS_TOKEN))) {
      URI base = URI.create("http://127.0.0.1:" + limited.gateway.port());
      int[] statuses = new int[3];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = HTTP.send(HttpRequest.newBuilder(base.resolve("/hooks/nope"))
            .header("Authorization", "Bearer " + HOOKS_TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode();
      }
      assertThat(statuses).containsExactly(404, 404, 429);
    }
  }

  @Test
  void withoutAHooksTokenEveryHookIs404(@TempDir Path otherState) throws Exception {
    try (TestGateway off = TestGateway.start(otherState)) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + off.gateway.port() + "/hooks/wake"))
          .header("Authorization", "Bearer " + HOOKS_TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertError(response, 404, null);
      assertThat(json(response).path("error").path("message").asText()).contains("CLAWGATE_HOOKS_TOKEN");
    }
  }

  private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder builder = authorized(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  private static HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + HOOKS_TOKEN);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(90));
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + gateway.gateway.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, int status, String field) throws IOException {
    JsonNode body = json(response);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(body.path("ok").asBoolean(true)).isFalse();
    assertThat(body.path("error").path("code").asText()).isNotBlank();
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    if (field != null) {
      assertThat(body.path("error").path("field").asText()).as(response.body()).isEqualTo(field);
    }
  }

  private static List<TranscriptEntry> userEntries(String sessionKey) {
    return new DiskTranscriptStore(gateway.gateway.settings().sessionsDir()).readAll(sessionKey).stream()
        .filter(e -> e.isMessage(TranscriptEntry.USER)).toList();
  }

  private static void awaitUserEntry(String sessionKey, String runId, String text) {
    awaitTrue("user entry of " + runId + " in " + sessionKey, () -> userEntries(sessionKey).stream()
        .anyMatch(e -> runId.equals(e.runId()) && text.equals(e.text())));
  }

  static void awaitTrue(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        fail(what + " did not happen within 30 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
