package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scheduled job, in the shape of OpenClaw's {@code CronJob}.
 *
 * @param agentId the agent whose session it runs in; null means the default agent
 * @param sessionTarget {@code main} (the agent's main session) or {@code isolated} (a session of the job's own,
 *     started afresh for every run)
 * @param wakeMode {@code now} or {@code next-heartbeat}; both run at once until heartbeats exist
 * @param deleteAfterRun remove the job after its first successful run (one-time reminders)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronJob(
    String id,
    String name,
    String description,
    String agentId,
    boolean enabled,
    Boolean deleteAfterRun,
    CronSchedule schedule,
    String sessionTarget,
    String wakeMode,
    CronPayload payload,
    CronDelivery delivery,
    long createdAtMs,
    long updatedAtMs,
    CronJobState state) {

  public static final String MAIN = "main";
  public static final String ISOLATED = "isolated";
  public static final String WAKE_NOW = "now";
  public static final String WAKE_NEXT_HEARTBEAT = "next-heartbeat";
  /** Job ids name files and workflow ids, so they stay within a safe alphabet. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public CronJob {
    Objects.requireNonNull(id, "job id");
    if (!ID.matcher(id).matches()) {
      throw new InvalidScheduleException("id", "a job id is 1..64 letters, digits, _ or -, got '" + id + "'");
    }
    state = state == null ? CronJobState.EMPTY : state;
  }

  /** Checks every field; the first wrong one is named in the {@link InvalidScheduleException}. */
  public CronJob validated() {
    if (name == null || name.isBlank()) {
      throw new InvalidScheduleException("name", "name is required (a non-empty string)");
    }
    if (schedule == null) {
      throw new InvalidScheduleException("schedule", "schedule is required");
    }
    schedule.validated();
    if (!MAIN.equals(sessionTarget) && !ISOLATED.equals(sessionTarget)) {
      throw new InvalidScheduleException("sessionTarget", "sessionTarget must be main or isolated, got '"
          + sessionTarget + "'");
    }
    if (!WAKE_NOW.equals(wakeMode) && !WAKE_NEXT_HEARTBEAT.equals(wakeMode)) {
      throw new InvalidScheduleException("wakeMode", "wakeMode must be now or next-heartbeat, got '" + wakeMode + "'");
    }
    if (payload == null) {
      throw new InvalidScheduleException("payload", "payload is required");
    }
    payload.validated();
    if (delivery != null) {
      delivery.validated();
    }
    return this;
  }

  /** Whether {@code other} is the same job definition, whatever the run state of either. */
  public boolean sameDefinition(CronJob other) {
    return withState(CronJobState.EMPTY).equals(other.withState(CronJobState.EMPTY));
  }

  /** Where {@code every} schedules count from when they name no anchor. */
  public long anchorMs() {
    return createdAtMs;
  }

  public CronJob withState(CronJobState newState) {
    return new CronJob(id, name, description, agentId, enabled, deleteAfterRun, schedule, sessionTarget, wakeMode,
        payload, delivery, createdAtMs, updatedAtMs, newState);
  }

  public CronJob withEnabled(boolean on, long nowMs) {
    return new CronJob(id, name, description, agentId, on, deleteAfterRun, schedule, sessionTarget, wakeMode,
        payload, delivery, createdAtMs, nowMs, state);
  }
}
