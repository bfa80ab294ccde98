package dev.clawgate.schedule;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How the gateway talks to the scheduler workflow. Every change goes by update-with-start, so a scheduler that
 * is not running (first start, an embedded server that lost it) is started from the store's jobs on the way.
 */
public final class CronScheduler {

  private final Supplier<WorkflowClient> client;
  private final String taskQueue;
  private final CronStore store;

  public CronScheduler(WorkflowClient client, String taskQueue, CronStore store) {
    this(() -> client, taskQueue, store);
  }

  /**
   * A scheduler client whose Temporal client is asked for on each use: on Lambda that is the session client's,
   * connected on first use ({@code SessionClient::workflowClient}), so a function that never touches cron
   * never connects for it.
   */
  public CronScheduler(Supplier<WorkflowClient> client, String taskQueue, CronStore store) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
  }

  /** Starts the scheduler if needed and makes it agree with the store; returns each job's next due time. */
  public NextDueTimes ensureRunning() {
    List<ScheduledJob> jobs = fromStore();
    CronSchedulerWorkflow stub = startingStub();
    return WorkflowClient.executeUpdateWithStart(stub::sync, jobs, updateOptions(NextDueTimes.class),
        new WithStartWorkflowOperation<>(stub::run, new CronSchedulerInput(jobs)));
  }

  /** Schedules (enabled) or unschedules (disabled) a job just added or changed; returns its next due time. */
  public Long schedule(CronJob job) {
    CronSchedulerWorkflow stub = startingStub();
    WithStartWorkflowOperation<Void> start = new WithStartWorkflowOperation<>(stub::run,
        new CronSchedulerInput(fromStore()));
    if (!job.enabled()) {
      WorkflowClient.executeUpdateWithStart(stub::remove, job.id(), updateOptions(Boolean.class), start);
      return null;
    }
    return WorkflowClient.executeUpdateWithStart(stub::upsert, ScheduledJob.fresh(job), updateOptions(Long.class),
        start);
  }

  /** Stops scheduling a removed job. */
  public void unschedule(String jobId) {
    CronSchedulerWorkflow stub = startingStub();
    WorkflowClient.executeUpdateWithStart(stub::remove, jobId, updateOptions(Boolean.class),
        new WithStartWorkflowOperation<>(stub::run, new CronSchedulerInput(fromStore())));
  }

  /** The next due time of every scheduled job; empty when the scheduler is not running. */
  public NextDueTimes nextDueTimes() {
    try {
      return client.get().newWorkflowStub(CronSchedulerWorkflow.class, CronSchedulerWorkflow.WORKFLOW_ID)
          .nextDueTimes();
    } catch (WorkflowNotFoundException notRunning) {
      return new NextDueTimes(Map.of());
    }
  }

  /** Starts a run of the job now, whatever its schedule; returns the run's id at once. */
  public CronRunRequest runNow(CronJob job, long nowMs) {
    CronRunRequest request = CronRunRequest.manual(job.id(), nowMs);
    CronRunWorkflow run = client.get().newWorkflowStub(CronRunWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    WorkflowClient.start(run::run, request);
    return request;
  }

  private List<ScheduledJob> fromStore() {
    List<ScheduledJob> jobs = new ArrayList<>();
    for (CronJob job : store.list()) {
      if (job.enabled()) {
        jobs.add(ScheduledJob.resumed(job));
      }
    }
    return jobs;
  }

  private CronSchedulerWorkflow startingStub() {
    return client.get().newWorkflowStub(CronSchedulerWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CronSchedulerWorkflow.WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
  }

  private static <R> UpdateOptions<R> updateOptions(Class<R> resultClass) {
    return UpdateOptions.<R>newBuilder()
        .setUpdateId(UUID.randomUUID().toString())
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .setResultClass(resultClass)
        .build();
  }
}
