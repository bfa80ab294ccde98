package dev.clawgate.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static final long HOUR = 3_600_000;

  @Test
  void everyCountsFromItsAnchorAndGivesTheFirstTimeStrictlyAfter() {
    CronSchedule hourly = CronSchedule.every(HOUR, 0L);

    assertThat(hourly.nextRunAfter(90 * 60_000, 999)).contains(2 * HOUR);
    assertThat(hourly.nextRunAfter(2 * HOUR, 999)).contains(3 * HOUR);
    assertThat(hourly.nextRunAfter(-5, 999)).contains(0L);
  }

  @Test
  void everyWithoutAnAnchorCountsFromTheGivenDefault() {
    assertThat(CronSchedule.every(HOUR, null).nextRunAfter(10 * HOUR + 8, 7)).contains(11 * HOUR + 7);
  }

  @Test
  void cronExpressionFollowsItsTimeZoneAcrossADaylightSavingChange() {
    CronSchedule nineInNewYork = CronSchedule.cron("0 9 * * *", "America/New_York");

    // 8 March 2026 is the first day of US summer time: 09:00 is 13:00 UTC from then on, 14:00 UTC before.
    assertThat(nineInNewYork.nextRunAfter(ms("2026-03-07T12:00:00Z"), 0)).contains(ms("2026-03-07T14:00:00Z"));
    assertThat(nineInNewYork.nextRunAfter(ms("2026-03-07T14:00:00Z"), 0)).contains(ms("2026-03-08T13:00:00Z"));
  }

  @Test
  void cronNextRunIsStrictlyAfterEvenInsideTheDueSecond() {
    CronSchedule everyMinute = CronSchedule.cron("* * * * *", "UTC");

    assertThat(everyMinute.nextRunAfter(ms("2026-01-01T00:01:00Z"), 0)).contains(ms("2026-01-01T00:02:00Z"));
    assertThat(everyMinute.nextRunAfter(ms("2026-01-01T00:01:00Z") + 500, 0)).contains(ms("2026-01-01T00:02:00Z"));
    assertThat(everyMinute.nextRunAfter(ms("2026-01-01T00:00:59Z") + 999, 0)).contains(ms("2026-01-01T00:01:00Z"));
  }

  @Test
  void sixFieldExpressionsStartWithSeconds() {
    CronSchedule everyThirtySeconds = CronSchedule.cron("*/30 * * * * *", "UTC");

    assertThat(everyThirtySeconds.nextRunAfter(ms("2026-01-01T00:00:10Z"), 0)).contains(ms("2026-01-01T00:00:30Z"));
  }

  @Test
  void sundayIsZeroOrSeven() {
    long saturdayNoon = ms("2026-01-03T12:00:00Z");
    long sundayNine = ms("2026-01-04T09:00:00Z");

    assertThat(CronSchedule.cron("0 9 * * 0", "UTC").nextRunAfter(saturdayNoon, 0)).contains(sundayNine);
    assertThat(CronSchedule.cron("0 9 * * 7", "UTC").nextRunAfter(saturdayNoon, 0)).contains(sundayNine);
  }

  @Test
  void atRunsOnlyIfItLiesAhead() {
    CronSchedule once = CronSchedule.at("2026-05-01T10:00:00Z");

    assertThat(once.nextRunAfter(ms("2026-05-01T09:00:00Z"), 0)).contains(ms("2026-05-01T10:00:00Z"));
    assertThat(once.nextRunAfter(ms("2026-05-01T10:00:00Z"), 0)).isEmpty();
  }

  @Test
  void atAcceptsOffsetsAndTakesATimeWithoutOneAsUtc() {
    assertThat(CronSchedule.at("2026-05-01T12:00:00+02:00").atMs()).isEqualTo(ms("2026-05-01T10:00:00Z"));
    assertThat(CronSchedule.at("2026-05-01T10:00:00").atMs()).isEqualTo(ms("2026-05-01T10:00:00Z"));
  }

  @Test
  void aMissingZoneIsFilledWithTheGivenOneOnlyForCronSchedules() {
    assertThat(CronSchedule.cron("0 9 * * *", null).withDefaultZone(ZoneId.of("Europe/Berlin")).tz())
        .isEqualTo("Europe/Berlin");
    assertThat(CronSchedule.cron("0 9 * * *", "UTC").withDefaultZone(ZoneId.of("Europe/Berlin")).tz()).isEqualTo("UTC");
    assertThat(CronSchedule.every(1, null).withDefaultZone(ZoneId.of("Europe/Berlin")).tz()).isNull();
  }

  @Test
  void invalidSchedulesNameTheFailingField() {
    assertInvalid(CronSchedule.cron("61 * * * *", "UTC"), "schedule.expr", "not a valid cron expression");
    assertInvalid(CronSchedule.cron("* * *", "UTC"), "schedule.expr", "has 3 fields");
    assertInvalid(CronSchedule.cron("0 9 * * *", "Mars/Olympus"), "schedule.tz", "not a time zone");
    assertInvalid(CronSchedule.at("next tuesday"), "schedule.at", "not an ISO-8601 time");
    assertInvalid(CronSchedule.every(0, null), "schedule.everyMs", "positive");
    assertInvalid(new CronSchedule("weekly", null, null, null, null, null), "schedule.kind", "at, every or cron");
  }

  private static void assertInvalid(CronSchedule schedule, String field, String message) {
    assertThatThrownBy(schedule::validated)
        .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
