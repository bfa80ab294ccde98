package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finished run in a job's history ({@code cron.runs}).
 *
 * @param runId the run's id, also its idempotency key in the session: {@code cron:<jobId>:<dueAtMs>} for a
 *     scheduled run, {@code cron:<jobId>:manual:<ms>} for {@code cron.run}
 * @param dueAtMs the due time it ran for (the request time for a manual run)
 * @param trigger {@code schedule} or {@code manual}
 * @param status {@code ok}, {@code error} or {@code skipped}
 * @param summary the start of the final reply, for history listings
 * @param deliveryStatus {@code delivered}, {@code not-delivered} or {@code not-requested}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronRunRecord(
    String jobId,
    String jobName,
    String runId,
    long dueAtMs,
    String trigger,
    String sessionKey,
    String status,
    long startedAtMs,
    long durationMs,
    String error,
    String summary,
    String deliveryStatus,
    String deliveryError,
    long endedAtMs) {

  public static final String OK = "ok";
  public static final String ERROR = "error";
  public static final String SKIPPED = "skipped";
  public static final String SCHEDULE = "schedule";
  public static final String MANUAL = "manual";
}
