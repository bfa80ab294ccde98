package dev.clawgate.heartbeat;

/**
 * One agent's heartbeat configuration, as plain data pushed into its main session's workflow.
 *
 * @param everyMs interval between heartbeats; 0 disables them
 * @param activeHours when heartbeats may run, or null for always
 * @param prompt what the model is asked each time
 * @param target where a real (non-ack) reply goes: {@code none}, or {@code last} (clients watching the session)
 * @param ackMaxChars how much text may surround the ack token and still count as an ack
 * @param enabled the {@code set-heartbeats} switch, independent of the interval
 */
public record HeartbeatSettings(long everyMs, ActiveHours activeHours, String prompt, String target, int ackMaxChars,
    boolean enabled) {

  public static final String ACK_TOKEN = "HEARTBEAT_OK";
  public static final long DEFAULT_EVERY_MS = 30 * 60_000L;
  public static final int DEFAULT_ACK_MAX_CHARS = 300;
  public static final String TARGET_NONE = "none";
  public static final String TARGET_LAST = "last";
  public static final String DEFAULT_PROMPT = "Read HEARTBEAT.md if it exists (its text follows when it does). "
      + "Follow it strictly. Do not repeat old tasks from earlier chats. If nothing needs attention, reply exactly "
      + ACK_TOKEN + ".";

  public static final HeartbeatSettings OFF =
      new HeartbeatSettings(0, null, DEFAULT_PROMPT, TARGET_LAST, DEFAULT_ACK_MAX_CHARS, false);

  public HeartbeatSettings {
    if (everyMs < 0) {
      throw new IllegalArgumentException("heartbeat interval must not be negative");
    }
    if (target == null || !(TARGET_NONE.equals(target) || TARGET_LAST.equals(target))) {
      throw new IllegalArgumentException("heartbeat target must be none or last, got " + target);
    }
    prompt = prompt == null || prompt.isBlank() ? DEFAULT_PROMPT : prompt;
  }

  public boolean active() {
    return enabled && everyMs > 0;
  }

  public HeartbeatSettings withEnabled(boolean on) {
    return new HeartbeatSettings(everyMs, activeHours, prompt, target, ackMaxChars, on);
  }

  /**
   * Whether a reply is only an acknowledgement: the token alone, or the token at its start or end with at most
   * {@code ackMaxChars} of other text. Such replies are never delivered.
   */
  public static boolean isAck(String reply, int ackMaxChars) {
    if (reply == null) {
      return false;
    }
    String text = reply.strip();
    if (text.startsWith(ACK_TOKEN)) {
      return text.length() - ACK_TOKEN.length() <= ackMaxChars;
    }
    if (text.endsWith(ACK_TOKEN)) {
      return text.length() - ACK_TOKEN.length() <= ackMaxChars;
    }
    return false;
  }
}
