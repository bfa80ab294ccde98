package dev.clawgate.heartbeat;

import java.time.Instant;

/** When the next heartbeat is due: an interval after the last one, moved into the active hours. */
public final class HeartbeatSchedule {

  private HeartbeatSchedule() {}

  /**
   * @param lastAtMs when the last heartbeat was queued (0 = never: one interval from {@code nowMs})
   */
  public static long nextDueMs(HeartbeatSettings settings, long lastAtMs, long nowMs) {
    long due = lastAtMs == 0 ? nowMs + settings.everyMs() : Math.max(lastAtMs + settings.everyMs(), nowMs);
    if (settings.activeHours() != null) {
      due = settings.activeHours().nextAllowed(Instant.ofEpochMilli(due)).toEpochMilli();
    }
    return due;
  }
}
