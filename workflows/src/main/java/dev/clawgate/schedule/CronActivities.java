package dev.clawgate.schedule;

import dev.clawgate.session.RunOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The side effects of one cron run; each is idempotent, so retries after a crash repeat nothing. */
@ActivityInterface(namePrefix = "Cron") // SessionActivities has a finishRun too
public interface CronActivities {

  /** Reads the job, hands the run to its session (update id = run id) and records that it started. */
  @ActivityMethod
  CronRunStart startRun(CronRunRequest request);

  /** Waits, heartbeating, until the session has finished the run; null when the deadline passed first. */
  @ActivityMethod
  RunOutcome awaitOutcome(CronRunStart started);

  /** Delivers the result, records the run in the job's history and state, and tells clients. */
  @ActivityMethod
  void finishRun(CronRunStart started, RunOutcome outcome);
}
