package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The checks OpenClaw's CLI (2026.9.6) makes on a {@code cron.list} page before it prints anything
 * (its "invalid inventory page" rule), plus the fields its {@code CronJobSchema} requires of each job.
 * The e2e stage runs the real CLI ({@code openclaw cron list}) against the real gateway as well.
 */
final class OpenClawCronPage {

  private static final List<String> REQUIRED_JOB_FIELDS = List.of("id", "name", "enabled", "createdAtMs",
      "updatedAtMs", "schedule", "sessionTarget", "wakeMode", "payload", "state");

  private OpenClawCronPage() {}

  static void assertValid(JsonNode page) {
    assertThat(page.isObject()).isTrue();
    JsonNode jobs = page.path("jobs");
    assertThat(jobs.isArray()).as("jobs is an array").isTrue();
    assertThat(jobs.size()).isLessThanOrEqualTo(200);
    assertThat(page.path("snapshotRevision").isTextual()).as("snapshotRevision is a string").isTrue();
    assertThat(page.path("snapshotRevision").asText()).isNotEmpty();
    for (String field : List.of("total", "offset", "limit")) {
      assertThat(page.path(field).isIntegralNumber()).as(field + " is a number").isTrue();
    }
    assertThat(page.path("limit").asInt()).isBetween(1, 200);
    assertThat(page.path("hasMore").isBoolean()).as("hasMore is a boolean").isTrue();
    assertThat(page.has("nextOffset")).as("nextOffset is present").isTrue();
    if (page.path("hasMore").asBoolean()) {
      assertThat(page.path("nextOffset").asInt()).isEqualTo(page.path("offset").asInt() + jobs.size());
    } else {
      assertThat(page.path("nextOffset").isNull()).as("nextOffset is null when !hasMore").isTrue();
      assertThat(jobs.size()).as("the last page holds the rest").isEqualTo(page.path("total").asInt()
          - page.path("offset").asInt());
    }
    for (JsonNode job : jobs) {
      for (String field : REQUIRED_JOB_FIELDS) {
        assertThat(job.has(field)).as("job field " + field).isTrue();
      }
      assertThat(job.path("payload").path("kind").isTextual()).isTrue();
      assertThat(job.path("schedule").path("kind").asText()).isIn("at", "every", "cron");
    }
  }
}
