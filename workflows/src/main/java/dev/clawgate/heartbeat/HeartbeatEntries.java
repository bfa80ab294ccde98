package dev.clawgate.heartbeat;

import dev.clawgate.transcript.TranscriptEntry;

/**
 * Which transcript entries of heartbeat runs stay out of chats and model context: the heartbeat prompt itself
 * and ack-only replies. A real heartbeat reply stays visible, like any assistant message.
 */
public final class HeartbeatEntries {

  public static final String RUN_ID_PREFIX = "heartbeat:";

  private HeartbeatEntries() {}

  public static boolean isHeartbeatRun(String runId) {
    return runId != null && runId.startsWith(RUN_ID_PREFIX);
  }

  public static boolean hidden(TranscriptEntry entry) {
    if (!isHeartbeatRun(entry.runId()) || !TranscriptEntry.MESSAGE.equals(entry.type())) {
      return false;
    }
    if (TranscriptEntry.USER.equals(entry.role())) {
      return true;
    }
    return TranscriptEntry.ASSISTANT.equals(entry.role())
        && HeartbeatSettings.isAck(entry.text(), HeartbeatSettings.DEFAULT_ACK_MAX_CHARS);
  }
}
