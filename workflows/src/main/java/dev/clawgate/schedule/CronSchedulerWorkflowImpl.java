package dev.clawgate.schedule;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Sleeps until the earliest due time, starts one {@link CronRunWorkflow} per due job, computes each job's next
 * due time strictly after now, and sleeps again.
 *
 * <p>The sleep is a timer in its own cancellation scope, cancelled when an update changes the jobs: never
 * {@code Workflow.await(Duration, condition)}, which in SDK 1.39 leaves a timer behind on every wake-up.
 * After downtime (no worker, or a restarted embedded server resuming from the store) a job whose due times
 * were missed runs once, for the oldest missed due time, and then continues from now: no catch-up storm.
 */
public class CronSchedulerWorkflowImpl implements CronSchedulerWorkflow {

  private static final Logger LOG = Workflow.getLogger(CronSchedulerWorkflowImpl.class);

  /** Sorted by job id so a replay walks due jobs in the same order. */
  private final TreeMap<String, ScheduledJob> jobs = new TreeMap<>();
  private boolean changed;

  @WorkflowInit
  public CronSchedulerWorkflowImpl(CronSchedulerInput input) {
    long now = Workflow.currentTimeMillis();
    for (ScheduledJob job : input.jobs()) {
      place(job, now);
    }
  }

  @Override
  public void run(CronSchedulerInput input) {
    while (true) {
      startDueRuns();
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new CronSchedulerInput(new ArrayList<>(jobs.values())));
      }
      changed = false;
      Optional<Long> earliest = earliestDue();
      long now = Workflow.currentTimeMillis();
      if (earliest.isEmpty()) {
        Workflow.await(() -> changed);
      } else if (earliest.get() > now) {
        sleepUntil(earliest.get() - now);
      }
    }
  }

  @Override
  public Long upsert(ScheduledJob job) {
    ScheduledJob current = jobs.get(job.jobId());
    if (current != null && current.sameTiming(job)) {
      return current.nextDueMs();
    }
    changed = true;
    return place(job, Workflow.currentTimeMillis());
  }

  @Override
  public boolean remove(String jobId) {
    changed = true;
    return jobs.remove(jobId) != null;
  }

  @Override
  public NextDueTimes sync(List<ScheduledJob> wanted) {
    long now = Workflow.currentTimeMillis();
    Set<String> ids = new HashSet<>();
    for (ScheduledJob job : wanted) {
      ids.add(job.jobId());
      ScheduledJob current = jobs.get(job.jobId());
      if (current == null || !current.sameTiming(job)) {
        place(job, now);
      }
    }
    jobs.keySet().retainAll(ids);
    changed = true;
    return nextDueTimes();
  }

  @Override
  public NextDueTimes nextDueTimes() {
    Map<String, Long> due = new LinkedHashMap<>();
    for (ScheduledJob job : jobs.values()) {
      due.put(job.jobId(), job.nextDueMs());
    }
    return new NextDueTimes(due);
  }

  /**
   * Puts a job in the schedule with its first due time: the remembered one if it was never submitted (even
   * when past: that is the catch-up run), else the first one after now.
   */
  private Long place(ScheduledJob job, long now) {
    Long remembered = job.nextDueMs();
    Long last = job.lastDueMs();
    Long next;
    if (remembered != null && (last == null || remembered > last)) {
      next = remembered;
    } else if (CronSchedule.AT.equals(job.schedule().kind())) {
      Long at = nextAfter(job, Long.MIN_VALUE);
      next = at != null && (last == null || last < at) ? at : null;
    } else {
      next = nextAfter(job, Math.max(now, last == null ? now : last));
    }
    if (next == null) {
      jobs.remove(job.jobId());
      return null;
    }
    jobs.put(job.jobId(), job.withDue(next, last));
    return next;
  }

  private void startDueRuns() {
    long now = Workflow.currentTimeMillis();
    for (ScheduledJob job : new ArrayList<>(jobs.values())) {
      Long due = job.nextDueMs();
      if (due == null || due > now) {
        continue;
      }
      Long next = CronSchedule.AT.equals(job.schedule().kind()) ? null : nextAfter(job, Math.max(now, due));
      startRun(CronRunRequest.scheduled(job.jobId(), due, next));
      if (jobs.get(job.jobId()) != job) {
        continue; // removed or re-timed by an update while the run was starting: that change wins
      }
      if (next == null) {
        jobs.remove(job.jobId());
      } else {
        jobs.put(job.jobId(), job.withDue(next, due));
      }
    }
  }

  /**
   * The job's first due time after {@code afterMs}, or null. A schedule that cannot be computed (validated on
   * the way in, so only after, say, a time zone vanished from the JVM) drops out instead of failing the
   * workflow task, which would stop every other job too.
   */
  private static Long nextAfter(ScheduledJob job, long afterMs) {
    try {
      return job.schedule().nextRunAfter(afterMs, job.anchorMs()).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("cron job {} has a schedule that cannot be computed and is not scheduled: {}", job.jobId(),
          e.getMessage());
      return null;
    }
  }

  private void startRun(CronRunRequest request) {
    CronRunWorkflow run = Workflow.newChildWorkflowStub(CronRunWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId())
        // The run outlives this scheduler run (continue-as-new) and must never be started twice.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    Async.procedure(run::run, request);
    try {
      // Wait until the server has started it, so continue-as-new cannot drop a run that was decided.
      Workflow.getWorkflowExecution(run).get();
    } catch (ChildWorkflowFailure alreadyStarted) {
      LOG.info("cron run {} was started before; not starting it again", request.runId());
    }
  }

  private Optional<Long> earliestDue() {
    return jobs.values().stream().map(ScheduledJob::nextDueMs).filter(d -> d != null).min(Long::compare);
  }

  private void sleepUntil(long delayMs) {
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(
        () -> timer.add(Workflow.newTimer(Duration.ofMillis(delayMs))));
    scope.run();
    Workflow.await(() -> changed || timer.get(0).isCompleted());
    if (!timer.get(0).isCompleted()) {
      scope.cancel();
    }
  }
}
