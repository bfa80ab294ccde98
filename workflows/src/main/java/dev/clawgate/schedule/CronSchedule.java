package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job runs, in OpenClaw's shape: {@code {kind:"at", at}} once at an ISO-8601 instant,
 * {@code {kind:"every", everyMs, anchorMs?}} at {@code anchor + k × everyMs}, or {@code {kind:"cron", expr, tz}}
 * by a 5- or 6-field cron expression in a time zone.
 *
 * <p>{@link #nextRunAfter} is pure (no clock, no I/O), so the scheduler workflow can call it and replay it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronSchedule(String kind, String at, Long everyMs, Long anchorMs, String expr, String tz) {

  public static final String AT = "at";
  public static final String EVERY = "every";
  public static final String CRON = "cron";

  public static CronSchedule at(String isoInstant) {
    return new CronSchedule(AT, isoInstant, null, null, null, null);
  }

  public static CronSchedule every(long everyMs, Long anchorMs) {
    return new CronSchedule(EVERY, null, everyMs, anchorMs, null, null);
  }

  public static CronSchedule cron(String expr, String tz) {
    return new CronSchedule(CRON, null, null, null, expr, tz);
  }

  /**
   * Checks every field and fails with an {@link InvalidScheduleException} naming the first wrong one. A valid
   * schedule can always compute its next run (though a one-time one may lie in the past).
   */
  public CronSchedule validated() {
    if (kind == null) {
      throw new InvalidScheduleException("schedule.kind", "schedule.kind is required: at, every or cron");
    }
    switch (kind) {
      case AT:
        atMs();
        return this;
      case EVERY:
        if (everyMs == null || everyMs < 1) {
          throw new InvalidScheduleException("schedule.everyMs", "schedule.everyMs must be a positive number of ms");
        }
        if (anchorMs != null && anchorMs < 0) {
          throw new InvalidScheduleException("schedule.anchorMs", "schedule.anchorMs must not be negative");
        }
        return this;
      case CRON:
        zone();
        CronExpressions.parse(expr);
        return this;
      default:
        throw new InvalidScheduleException("schedule.kind",
            "schedule.kind must be at, every or cron, got '" + kind + "'");
    }
  }

  /** The instant of an {@code at} schedule, in epoch ms. */
  public long atMs() {
    if (!AT.equals(kind)) {
      throw new IllegalStateException("not a one-time schedule: " + kind);
    }
    return IsoInstants.parse(at, "schedule.at");
  }

  /**
   * The first due time strictly after {@code afterMs}, if any.
   *
   * @param defaultAnchorMs where {@code every} counts from when the schedule names no anchor (the job's creation)
   */
  public Optional<Long> nextRunAfter(long afterMs, long defaultAnchorMs) {
    switch (kind) {
      case AT: {
        long at = atMs();
        return at > afterMs ? Optional.of(at) : Optional.empty();
      }
      case EVERY: {
        long anchor = anchorMs == null ? defaultAnchorMs : anchorMs;
        if (afterMs < anchor) {
          return Optional.of(anchor);
        }
        long periods = Math.floorDiv(afterMs - anchor, everyMs) + 1;
        return Optional.of(anchor + periods * everyMs);
      }
      case CRON: {
        ExecutionTime times = CronExpressions.parse(expr);
        ZonedDateTime after = Instant.ofEpochMilli(afterMs).atZone(zone());
        // cron-utils counts in whole seconds; ask from the second containing afterMs and step past ties.
        Optional<ZonedDateTime> next = times.nextExecution(after.withNano(0));
        while (next.isPresent() && next.get().toInstant().toEpochMilli() <= afterMs) {
          next = times.nextExecution(next.get());
        }
        return next.map(time -> time.toInstant().toEpochMilli());
      }
      default:
        throw new InvalidScheduleException("schedule.kind", "unknown schedule kind " + kind);
    }
  }

  private ZoneId zone() {
    if (tz == null || tz.isBlank()) {
      throw new InvalidScheduleException("schedule.tz", "schedule.tz is required for cron schedules");
    }
    try {
      return ZoneId.of(tz);
    } catch (java.time.DateTimeException e) {
      throw new InvalidScheduleException("schedule.tz", "schedule.tz '" + tz + "' is not a time zone ("
          + "use an IANA name such as Europe/Berlin, or UTC)");
    }
  }

  /** The same {@code every} schedule counting from {@code anchor} (null: from the job's creation). */
  public CronSchedule withAnchor(Long anchor) {
    return new CronSchedule(kind, at, everyMs, anchor, expr, tz);
  }

  /** The same schedule with a time zone filled in for a cron expression that named none. */
  public CronSchedule withDefaultZone(ZoneId zone) {
    if (CRON.equals(kind) && (tz == null || tz.isBlank())) {
      return new CronSchedule(kind, at, everyMs, anchorMs, expr, Objects.requireNonNull(zone).getId());
    }
    return this;
  }
}
