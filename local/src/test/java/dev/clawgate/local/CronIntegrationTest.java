package dev.clawgate.local;

import static dev.clawgate.local.WebhookIntegrationTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.infra.disk.DiskTranscriptStore;
import dev.clawgate.transcript.TranscriptEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron methods over a real WebSocket, with the production wiring, the test server and the stub model. */
class CronIntegrationTest {

  @TempDir
  static Path stateDir;

  static TestGateway gateway;
  static GatewayClient client;
  static final List<JsonNode> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateway.start(stateDir);
    client = gateway.connect();
    client.onEvent(frame -> {
      if ("cron".equals(frame.path("event").asText())) {
        events.add(frame.path("payload"));
      }
    });
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aJobRunsOnItsScheduleIntoTheMainSessionAndItsHistory() {
    JsonNode job = call("cron.add", Map.of("name", "ping", "schedule", Map.of("kind", "every", "everyMs", 1500),
        "sessionTarget", "main", "wakeMode", "now", "payload", Map.of("kind", "systemEvent", "text", "ping!")));
    String id = job.path("id").asText();

    awaitTrue("a finished run", () -> call("cron.runs", Map.of("id", id)).path("total").asInt() >= 1);
    JsonNode run = call("cron.runs", Map.of("id", id, "sortDir", "asc")).path("entries").path(0);
    call("cron.remove", Map.of("id", id));

    assertThat(run.path("status").asText()).isEqualTo("ok");
    assertThat(run.path("action").asText()).isEqualTo("finished");
    assertThat(run.path("sessionKey").asText()).isEqualTo("agent:main:main");
    String runId = run.path("runId").asText();
    long due = Long.parseLong(runId.substring(("cron:" + id + ":").length()));
    assertThat(due).isEqualTo(job.path("createdAtMs").asLong() + 1500);
    assertThat(new DiskTranscriptStore(gateway.gateway.settings().sessionsDir()).readAll("agent:main:main"))
        .filteredOn(e -> runId.equals(e.runId()) && e.isMessage(TranscriptEntry.USER))
        .extracting(TranscriptEntry::text).containsExactly("[System event from cron job \"ping\"] ping!");
    awaitTrue("cron events", () -> actions(id).containsAll(List.of("added", "started", "finished", "removed")));
  }

  @Test
  void runNowRunsAnIsolatedAgentTurnAndRunsFindsItByRunId() {
    String id = call("cron.add", Map.of("name", "digest", "schedule", Map.of("kind", "cron", "expr", "0 9 * * *",
        "tz", "Europe/Berlin"), "payload", Map.of("kind", "agentTurn", "message", "write the digest")))
        .path("id").asText();

    JsonNode started = call("cron.run", Map.of("id", id));
    String runId = started.path("runId").asText();
    awaitTrue("the manual run", () -> call("cron.runs", Map.of("id", id, "runId", runId, "limit", 1))
        .path("entries").size() == 1);
    JsonNode entry = call("cron.runs", Map.of("id", id, "runId", runId)).path("entries").path(0);

    assertThat(started.path("ok").asBoolean()).isTrue();
    assertThat(started.path("enqueued").asBoolean()).isTrue();
    assertThat(entry.path("status").asText()).isEqualTo("ok");
    assertThat(entry.path("summary").asText()).isEqualTo("echo: write the digest");
    assertThat(entry.path("sessionKey").asText()).isEqualTo("agent:main:cron:" + id);
    call("cron.remove", Map.of("id", id));
  }

  @Test
  void listAnswersOpenClawsInventoryPageAndPagesThroughAllJobs() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(call("cron.add", Map.of("name", "page-" + i, "schedule", Map.of("kind", "every", "everyMs", 3_600_000L
          * (i + 1)), "payload", Map.of("kind", "systemEvent", "text", "t"))).path("id").asText());
    }
    String disabled = call("cron.add", Map.of("name", "page-off", "enabled", false, "schedule",
        Map.of("kind", "every", "everyMs", 60_000), "payload", Map.of("kind", "systemEvent", "text", "t")))
        .path("id").asText();
    try {
      JsonNode first = call("cron.list", Map.of("includeDisabled", false, "limit", 2, "offset", 0));
      JsonNode second = call("cron.list", Map.of("includeDisabled", false, "limit", 2, "offset", 2));
      JsonNode all = call("cron.list", Map.of("includeDisabled", true, "limit", 200, "offset", 0));

      OpenClawCronPage.assertValid(first);
      OpenClawCronPage.assertValid(second);
      OpenClawCronPage.assertValid(all);
      assertThat(first.path("hasMore").asBoolean()).isTrue();
      assertThat(first.path("nextOffset").asInt()).isEqualTo(2);
      assertThat(second.path("hasMore").asBoolean()).isFalse();
      assertThat(second.path("nextOffset").isNull()).isTrue();
      List<String> listed = new ArrayList<>();
      first.path("jobs").forEach(j -> listed.add(j.path("id").asText()));
      second.path("jobs").forEach(j -> listed.add(j.path("id").asText()));
      assertThat(listed).containsExactlyElementsOf(ids).doesNotContain(disabled);
      assertThat(all.path("jobs").findValuesAsText("id")).contains(disabled);
      assertThat(first.path("jobs").path(0).path("state").path("nextRunAtMs").asLong())
          .isGreaterThan(System.currentTimeMillis());
    } finally {
      for (String id : ids) {
        call("cron.remove", Map.of("id", id));
      }
      call("cron.remove", Map.of("id", disabled));
    }
  }

  @Test
  void updatePatchesTheJobAndDisablingHidesItFromTheDefaultList() {
    String id = call("cron.add", Map.of("name", "patch-me", "schedule", Map.of("kind", "every", "everyMs", 60_000),
        "payload", Map.of("kind", "systemEvent", "text", "old"))).path("id").asText();

    JsonNode updated = call("cron.update", Map.of("id", id, "patch", Map.of("enabled", false, "name", "patched",
        "payload", Map.of("kind", "systemEvent", "text", "new"))));

    assertThat(updated.path("name").asText()).isEqualTo("patched");
    assertThat(updated.path("enabled").asBoolean()).isFalse();
    assertThat(updated.path("payload").path("text").asText()).isEqualTo("new");
    assertThat(updated.path("state").has("nextRunAtMs")).isFalse();
    assertThat(call("cron.list", Map.of()).path("jobs").findValuesAsText("id")).doesNotContain(id);
    assertThat(call("cron.get", Map.of("id", id)).path("name").asText()).isEqualTo("patched");
    call("cron.remove", Map.of("id", id));
  }

  @Test
  void badSchedulesAreInvalidRequestsNamingTheField() {
    assertInvalid(Map.of("kind", "cron", "expr", "61 * * * *"), "schedule.expr");
    assertInvalid(Map.of("kind", "cron", "expr", "0 9 * * *", "tz", "Mars/Olympus"), "schedule.tz");
    assertInvalid(Map.of("kind", "at", "at", Instant.now().minusSeconds(60).toString()), "schedule.at");
    assertInvalid(Map.of("kind", "at", "at", "tomorrow"), "schedule.at");
    assertInvalid(Map.of("kind", "every", "everyMs", 0), "schedule.everyMs");
    assertInvalid(Map.of("kind", "weekly"), "schedule.kind");
  }

  @Test
  void anUnknownJobIsCronJobNotFoundForEveryMethod() {
    for (String method : List.of("cron.get", "cron.update", "cron.remove", "cron.run", "cron.runs")) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("id", "no-such-job");
      params.put("patch", Map.of("enabled", false));
      if (!method.equals("cron.update")) {
        params.remove("patch");
      }
      assertThatThrownBy(() -> call(method, params)).as(method)
          .isInstanceOfSatisfying(GatewayCallException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            assertThat(e.detailCode()).isEqualTo("CRON_JOB_NOT_FOUND");
            assertThat(e.error().path("details").path("jobId").asText()).isEqualTo("no-such-job");
          });
    }
  }

  @Test
  void statusCountsTheJobs() {
    JsonNode status = call("cron.status", Map.of());

    assertThat(status.path("enabled").asBoolean()).isTrue();
    assertThat(status.has("jobs")).isTrue();
    assertThat(status.has("nextWakeAtMs")).isTrue();
  }

  private static void assertInvalid(Map<String, Object> schedule, String field) {
    assertThatThrownBy(() -> call("cron.add", Map.of("name", "bad", "schedule", schedule, "payload",
        Map.of("kind", "systemEvent", "text", "x")))).as(schedule.toString())
        .isInstanceOfSatisfying(GatewayCallException.class, e -> {
          assertThat(e.code()).isEqualTo("INVALID_REQUEST");
          assertThat(e.error().path("details").path("field").asText()).isEqualTo(field);
        });
  }

  private static List<String> actions(String jobId) {
    List<String> actions = new ArrayList<>();
    for (JsonNode event : events) {
      if (jobId.equals(event.path("jobId").asText())) {
        actions.add(event.path("action").asText());
      }
    }
    return actions;
  }

  static JsonNode call(String method, Object params) {
    try {
      return client.call(method, params).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(method + " failed", e);
    }
  }
}
