package dev.clawgate.schedule;

import java.util.List;

/** The scheduler's input: the jobs to schedule, from the store at first start, carried over at continue-as-new. */
public record CronSchedulerInput(List<ScheduledJob> jobs) {

  public CronSchedulerInput {
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }
}
