package dev.clawgate.schedule;

/** A job id that names no job (removed, or never added). */
public final class CronJobNotFoundException extends RuntimeException {

  private final String jobId;

  public CronJobNotFoundException(String jobId) {
    super("cron job not found: " + jobId);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
