package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A change clients may want to see, sent as OpenClaw's {@code cron} event: a job {@code added},
 * {@code updated} or {@code removed}, a run {@code started} or {@code finished}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronEvent(
    String action,
    String jobId,
    CronJob job,
    String runId,
    Long runAtMs,
    String status,
    String error,
    Long durationMs,
    Long nextRunAtMs,
    String sessionKey,
    long ts) {

  public static final String ADDED = "added";
  public static final String UPDATED = "updated";
  public static final String REMOVED = "removed";
  public static final String STARTED = "started";
  public static final String FINISHED = "finished";

  public static CronEvent changed(String action, CronJob job, long ts) {
    return new CronEvent(action, job.id(), job, null, null, null, null, null, job.state().nextRunAtMs(), null, ts);
  }

  public static CronEvent started(String jobId, String runId, String sessionKey, long runAtMs, Long nextRunAtMs) {
    return new CronEvent(STARTED, jobId, null, runId, runAtMs, null, null, null, nextRunAtMs, sessionKey, runAtMs);
  }

  public static CronEvent finished(CronRunRecord run, Long nextRunAtMs) {
    return new CronEvent(FINISHED, run.jobId(), null, run.runId(), run.startedAtMs(), run.status(), run.error(),
        run.durationMs(), nextRunAtMs, run.sessionKey(), run.endedAtMs());
  }
}
