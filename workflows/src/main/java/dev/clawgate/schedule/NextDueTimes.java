package dev.clawgate.schedule;

import java.util.Map;

/** The next due time of every scheduled job, by job id (a typed wrapper so Temporal decodes the values as longs). */
public record NextDueTimes(Map<String, Long> byJob) {

  public NextDueTimes {
    byJob = byJob == null ? Map.of() : byJob;
  }
}
