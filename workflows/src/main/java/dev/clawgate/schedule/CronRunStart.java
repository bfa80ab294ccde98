package dev.clawgate.schedule;

/**
 * How a run started: handed to its session, or skipped (the job was removed, or disabled before its due run).
 *
 * @param deadlineMs wall time after which the scheduler stops waiting and records a timeout
 */
public record CronRunStart(
    String jobId,
    String jobName,
    String runId,
    long dueAtMs,
    boolean manual,
    String sessionKey,
    long startedAtMs,
    long deadlineMs,
    String skipReason) {

  public boolean wasSkipped() {
    return skipReason != null;
  }
}
