package dev.clawgate.schedule;

/**
 * The one spelling of a system event inside a session: a marked line the model can tell from a user's own
 * words. Cron's {@code systemEvent} payloads and the {@code /hooks/wake} webhook both use it.
 */
public final class SystemEventText {

  private SystemEventText() {}

  /** {@code [System event from <source>] <text>}. */
  public static String of(String source, String text) {
    return "[System event from " + source + "] " + text;
  }
}
