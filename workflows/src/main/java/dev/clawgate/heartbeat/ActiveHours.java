package dev.clawgate.heartbeat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The daily window in which heartbeats may run, in a time zone. {@code end} before {@code start} means the
 * window crosses midnight (e.g. 22:00–06:00). Pure computation on instants, so the workflow can use it with
 * its deterministic clock.
 */
public record ActiveHours(String start, String end, String timezone) {

  public ActiveHours {
    try {
      LocalTime.parse(start);
      LocalTime.parse(end);
      ZoneId.of(timezone);
    } catch (java.time.DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException("activeHours needs start and end as HH:MM and a time zone such as "
          + "Europe/Berlin; got " + start + "–" + end + " " + timezone);
    }
    if (start.equals(end)) {
      throw new IllegalArgumentException("activeHours start and end must differ");
    }
  }

  public boolean contains(Instant instant) {
    LocalTime time = instant.atZone(ZoneId.of(timezone)).toLocalTime();
    LocalTime from = LocalTime.parse(start);
    LocalTime to = LocalTime.parse(end);
    if (from.isBefore(to)) {
      return !time.isBefore(from) && time.isBefore(to);
    }
    return !time.isBefore(from) || time.isBefore(to);
  }

  /** {@code instant} itself when inside the window, else the next moment the window opens. */
  public Instant nextAllowed(Instant instant) {
    if (contains(instant)) {
      return instant;
    }
    ZoneId zone = ZoneId.of(timezone);
    LocalTime from = LocalTime.parse(start);
    LocalDate day = instant.atZone(zone).toLocalDate();
    ZonedDateTime opening = ZonedDateTime.of(day, from, zone);
    if (!opening.toInstant().isAfter(instant)) {
      opening = ZonedDateTime.of(day.plusDays(1), from, zone);
    }
    return opening.toInstant();
  }
}
