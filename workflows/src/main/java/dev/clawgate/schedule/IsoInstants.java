package dev.clawgate.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the ISO-8601 instants of {@code at} schedules; one without an offset is UTC, as in OpenClaw. */
final class IsoInstants {

  private IsoInstants() {}

  static long parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new InvalidScheduleException(field, field + " is required (an ISO-8601 time such as 2027-02-01T16:00:00Z)");
    }
    String value = text.trim();
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(value).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
          throw new InvalidScheduleException(field, field + " '" + value
              + "' is not an ISO-8601 time (e.g. 2027-02-01T16:00:00Z or 2027-02-01T17:00:00+01:00)");
        }
      }
    }
  }
}
