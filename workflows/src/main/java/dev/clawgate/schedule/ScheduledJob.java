package dev.clawgate.schedule;

/**
 * What the scheduler workflow keeps per enabled job: enough to compute due times, nothing else (payloads are
 * read from the store when a run starts, so history stays small).
 *
 * @param nextDueMs the next due time; when seeding, the one remembered in the store (may lie in the past: a
 *     missed due time runs once to catch up)
 * @param lastDueMs the latest due time already submitted; never submitted again
 */
public record ScheduledJob(String jobId, CronSchedule schedule, long anchorMs, Long nextDueMs, Long lastDueMs) {

  /** For a job just added or edited: due times are computed afresh. */
  public static ScheduledJob fresh(CronJob job) {
    return new ScheduledJob(job.id(), job.schedule(), job.anchorMs(), null, job.state().lastDueAtMs());
  }

  /** For a scheduler (re)starting from the store: resumes at the remembered next due time. */
  public static ScheduledJob resumed(CronJob job) {
    return new ScheduledJob(job.id(), job.schedule(), job.anchorMs(), job.state().nextRunAtMs(),
        job.state().lastDueAtMs());
  }

  ScheduledJob withDue(Long next, Long last) {
    return new ScheduledJob(jobId, schedule, anchorMs, next, last);
  }

  boolean sameTiming(ScheduledJob other) {
    return schedule.equals(other.schedule) && anchorMs == other.anchorMs;
  }
}
