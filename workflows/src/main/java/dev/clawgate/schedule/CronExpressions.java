package dev.clawgate.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * Cron expressions through cron-utils: 5 fields (Unix: minute hour day-of-month month day-of-week) or 6 fields
 * with seconds first, as OpenClaw's croner reads them. Day-of-week 0 and 7 are both Sunday.
 */
final class CronExpressions {

  private static final CronParser FIVE_FIELDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser SIX_FIELDS = new CronParser(withSeconds());

  private CronExpressions() {}

  static ExecutionTime parse(String expr) {
    if (expr == null || expr.isBlank()) {
      throw new InvalidScheduleException("schedule.expr", "schedule.expr is required for cron schedules");
    }
    String trimmed = expr.trim();
    int fields = trimmed.split("\\s+").length;
    CronParser parser;
    if (trimmed.startsWith("@") || fields == 5) {
      parser = FIVE_FIELDS;
    } else if (fields == 6) {
      parser = SIX_FIELDS;
    } else {
      throw new InvalidScheduleException("schedule.expr", "schedule.expr '" + trimmed + "' has " + fields
          + " fields; use 5 (minute hour day month weekday) or 6 (second first)");
    }
    try {
      return ExecutionTime.forCron(parser.parse(trimmed).validate());
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException("schedule.expr", "schedule.expr '" + trimmed + "' is not a valid cron "
          + "expression: " + e.getMessage());
    }
  }

  private static CronDefinition withSeconds() {
    return CronDefinitionBuilder.defineCron()
        .withSeconds().withValidRange(0, 59).withStrictRange().and()
        .withMinutes().withValidRange(0, 59).withStrictRange().and()
        .withHours().withValidRange(0, 23).withStrictRange().and()
        .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
        .withMonth().withValidRange(1, 12).withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
        .instance();
  }
}
