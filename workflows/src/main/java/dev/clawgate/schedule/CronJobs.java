package dev.clawgate.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The one way to change cron jobs: validate, write the store (the truth), tell the scheduler (so the change
 * takes effect before this returns), remember the next due time, and announce the change.
 */
public final class CronJobs {

  private final CronStore store;
  private final CronScheduler scheduler;
  private final CronEvents events;
  private final LongSupplier clock;

  public CronJobs(CronStore store, CronScheduler scheduler, CronEvents events, LongSupplier clock) {
    this.store = store;
    this.scheduler = scheduler;
    this.events = events;
    this.clock = clock;
  }

  /** Starts the scheduler if it is not running and brings it in line with the store (gateway start). */
  public void start() {
    for (Map.Entry<String, Long> due : scheduler.ensureRunning().byJob().entrySet()) {
      store.update(due.getKey(), job -> job.withState(job.state().withNextRunAtMs(due.getValue())));
    }
  }

  public CronJob add(CronJob job) {
    job.validated();
    requireUpcomingRun(job);
    if (!store.add(job)) {
      throw new InvalidScheduleException("id", "a job with id " + job.id() + " exists");
    }
    CronJob scheduled = recordNextRun(job.id(), scheduler.schedule(job));
    events.publish(CronEvent.changed(CronEvent.ADDED, scheduled, clock.getAsLong()));
    return scheduled;
  }

  /** Applies {@code change} to a job; a changed schedule counts from now. */
  public CronJob update(String jobId, UnaryOperator<CronJob> change) {
    CronJob current = get(jobId);
    CronJob changed = change.apply(current).validated();
    if (!changed.schedule().equals(current.schedule())) {
      requireUpcomingRun(changed);
    }
    CronJob stored = store.update(jobId, latest -> changed.withState(latest.state()))
        .orElseThrow(() -> new CronJobNotFoundException(jobId));
    CronJob scheduled = recordNextRun(jobId, scheduler.schedule(stored));
    events.publish(CronEvent.changed(CronEvent.UPDATED, scheduled, clock.getAsLong()));
    return scheduled;
  }

  public void remove(String jobId) {
    CronJob job = get(jobId);
    scheduler.unschedule(jobId);
    if (!store.remove(jobId)) {
      throw new CronJobNotFoundException(jobId);
    }
    events.publish(CronEvent.changed(CronEvent.REMOVED, job, clock.getAsLong()));
  }

  /** Runs a job now, enabled or not; returns at once with the run's id. */
  public CronRunRequest runNow(String jobId) {
    return scheduler.runNow(get(jobId), clock.getAsLong());
  }

  public CronJob get(String jobId) {
    return store.get(jobId).orElseThrow(() -> new CronJobNotFoundException(jobId));
  }

  /** Every job, with the scheduler's live next due times where it can be asked (else the stored ones). */
  public List<CronJob> list() {
    Map<String, Long> due;
    try {
      due = scheduler.nextDueTimes().byJob();
    } catch (RuntimeException temporalUnreachable) {
      due = Map.of();
    }
    List<CronJob> jobs = new ArrayList<>();
    for (CronJob job : store.list()) {
      Long next = job.enabled() ? due.getOrDefault(job.id(), job.state().nextRunAtMs()) : null;
      jobs.add(job.withState(job.state().withNextRunAtMs(next)));
    }
    return jobs;
  }

  public List<CronRunRecord> runs(String jobId) {
    return store.runs(get(jobId).id());
  }

  /** The store, for reads that need no scheduler (status). */
  public CronStore store() {
    return store;
  }

  private CronJob recordNextRun(String jobId, Long next) {
    return store.update(jobId, job -> job.withState(job.state().withNextRunAtMs(next)))
        .orElseThrow(() -> new CronJobNotFoundException(jobId));
  }

  private void requireUpcomingRun(CronJob job) {
    long now = clock.getAsLong();
    Optional<Long> next = job.schedule().nextRunAfter(now, job.anchorMs());
    if (next.isEmpty()) {
      String field = CronSchedule.AT.equals(job.schedule().kind()) ? "schedule.at" : "schedule.expr";
      String why = CronSchedule.AT.equals(job.schedule().kind()) ? "schedule.at " + job.schedule().at()
          + " is in the past" : "the schedule has no upcoming run time and would never fire";
      throw new InvalidScheduleException(field, why);
    }
  }
}
