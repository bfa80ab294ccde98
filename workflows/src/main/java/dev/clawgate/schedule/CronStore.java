package dev.clawgate.schedule;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Port: the durable list of cron jobs and their run history. The jobs here are the truth; the scheduler
 * workflow keeps only their due times and is re-seeded from here when it starts.
 */
public interface CronStore {

  /** Every job, oldest first. */
  List<CronJob> list();

  Optional<CronJob> get(String jobId);

  /** Stores a new job; false (and nothing written) if the id is taken. */
  boolean add(CronJob job);

  /** Replaces a job with {@code change} applied to it, atomically; empty if there is no such job. */
  Optional<CronJob> update(String jobId, UnaryOperator<CronJob> change);

  /** Deletes a job and its history; false if there was no such job. */
  boolean remove(String jobId);

  /** Records a finished run; a run id already recorded for the job is not written again (false). */
  boolean appendRun(CronRunRecord run);

  /** A job's history, oldest first (bounded: the oldest entries are dropped past an implementation limit). */
  List<CronRunRecord> runs(String jobId);

  /**
   * Changes whenever a job is added or removed or its definition changes, not when only its run state does:
   * clients use it to tell whether two pages belong to one listing, and jobs run all the time.
   */
  long revision();
}
