package dev.clawgate.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One cron run, start to history entry. Its workflow id is derived from the run id, so Temporal itself refuses
 * a second run for the same due time; the scheduler starts it and does not wait for it.
 */
@WorkflowInterface
public interface CronRunWorkflow {

  @WorkflowMethod
  void run(CronRunRequest request);
}
