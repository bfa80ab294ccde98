package dev.clawgate.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The one scheduler of all cron jobs (workflow id {@value #WORKFLOW_ID}). Changes arrive as updates and take
 * effect before the update returns: the timer is re-armed for the new earliest due time.
 */
@WorkflowInterface
public interface CronSchedulerWorkflow {

  String WORKFLOW_ID = "cron-scheduler";

  @WorkflowMethod
  void run(CronSchedulerInput input);

  /** Schedules a job or changes its timing; returns its next due time (null: none, a one-time job that ran). */
  @UpdateMethod
  Long upsert(ScheduledJob job);

  /** Stops scheduling a job (removed or disabled); false if it was not scheduled. */
  @UpdateMethod
  boolean remove(String jobId);

  /**
   * Makes the scheduled set equal to {@code jobs}: adds missing ones (resuming at their remembered due time),
   * drops absent ones, re-times changed ones and leaves the rest alone. Returns every job's next due time.
   */
  @UpdateMethod
  NextDueTimes sync(List<ScheduledJob> jobs);

  /** The next due time of every scheduled job. */
  @QueryMethod
  NextDueTimes nextDueTimes();
}
