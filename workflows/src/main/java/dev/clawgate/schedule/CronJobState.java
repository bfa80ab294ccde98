package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the scheduler knows about a job's runs. The first fields are OpenClaw's {@code CronJobState}; the last
 * two are Clawgate's bookkeeping and are not shown to clients.
 *
 * @param nextRunAtMs the next due time as last scheduled; also what a restarted scheduler resumes from, so a
 *     due time missed while nothing ran still runs once
 * @param runningAtMs set while a run is in progress
 * @param lastDueAtMs the latest due time a scheduled run was submitted for: never submitted again
 * @param lastRunId the run id of the latest run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronJobState(
    Long nextRunAtMs,
    Long lastRunAtMs,
    String lastRunStatus,
    String lastError,
    Long lastDurationMs,
    Long runningAtMs,
    Integer consecutiveErrors,
    Long lastDueAtMs,
    String lastRunId) {

  public static final CronJobState EMPTY = new CronJobState(null, null, null, null, null, null, 0, null, null);

  public CronJobState withNextRunAtMs(Long next) {
    return new CronJobState(next, lastRunAtMs, lastRunStatus, lastError, lastDurationMs, runningAtMs,
        consecutiveErrors, lastDueAtMs, lastRunId);
  }

  /** A run was handed to its session. */
  public CronJobState started(String runId, long startedAtMs, Long dueAtMs, Long next) {
    Long due = lastDueAtMs;
    if (dueAtMs != null && (due == null || dueAtMs > due)) {
      due = dueAtMs;
    }
    return new CronJobState(next, lastRunAtMs, lastRunStatus, lastError, lastDurationMs, startedAtMs,
        consecutiveErrors, due, runId);
  }

  /** A run ended (or was skipped); clears {@code runningAtMs} only if it belonged to this run. */
  public CronJobState finished(CronRunRecord run) {
    boolean error = CronRunRecord.ERROR.equals(run.status());
    int errors = error ? (consecutiveErrors == null ? 0 : consecutiveErrors) + 1
        : CronRunRecord.OK.equals(run.status()) ? 0 : (consecutiveErrors == null ? 0 : consecutiveErrors);
    Long running = run.runId().equals(lastRunId) ? null : runningAtMs;
    return new CronJobState(nextRunAtMs, run.startedAtMs(), run.status(), error ? run.error() : null,
        run.durationMs(), running, errors, lastDueAtMs, lastRunId);
  }
}
