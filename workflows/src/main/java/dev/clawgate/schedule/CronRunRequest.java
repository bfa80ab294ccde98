package dev.clawgate.schedule;

/**
 * One run to make: the input of a {@link CronRunWorkflow}.
 *
 * @param dueAtMs the due time (scheduled) or request time (manual) the run is for
 * @param manual started by {@code cron.run}: runs even when the job is disabled
 * @param nextRunAtMs the job's next due time after this one, recorded with the run's start
 */
public record CronRunRequest(String jobId, String runId, long dueAtMs, boolean manual, Long nextRunAtMs) {

  private static final String RUN_PREFIX = "cron:";

  /** The run id of a job's scheduled run for one due time: the same every time it is computed. */
  public static CronRunRequest scheduled(String jobId, long dueAtMs, Long nextRunAtMs) {
    return new CronRunRequest(jobId, RUN_PREFIX + jobId + ":" + dueAtMs, dueAtMs, false, nextRunAtMs);
  }

  public static CronRunRequest manual(String jobId, long requestedAtMs) {
    return new CronRunRequest(jobId, RUN_PREFIX + jobId + ":manual:" + requestedAtMs, requestedAtMs, true, null);
  }

  /** The run's own workflow id; a second start with the same id is refused by Temporal. */
  public String workflowId() {
    return "cron-run:" + runId.substring(RUN_PREFIX.length());
  }
}
