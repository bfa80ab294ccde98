package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The {@code cron} event: a job was added, changed, removed, started or finished a run. */
@JsonClassDescription("cron event: a job changed or ran.")
public record CronEvent(
    String jobId,
    @JsonPropertyDescription("added, updated, removed, started, finished, ...") String action,
    @JsonPropertyDescription("the job as cron.list shows it, when it still exists") Object job,
    String runId,
    Long runAtMs,
    String status,
    String error,
    Long durationMs,
    Long nextRunAtMs,
    String sessionKey,
    long ts) {}
