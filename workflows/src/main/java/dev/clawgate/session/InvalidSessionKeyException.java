package dev.clawgate.session;

/** A session key that does not follow OpenClaw's naming rules; the message says which rule. */
public final class InvalidSessionKeyException extends IllegalArgumentException {
  public InvalidSessionKeyException(String key, String rule) {
    super("invalid session key '" + abbreviate(key) + "': " + rule);
  }

  private static String abbreviate(String key) {
    if (key == null) {
      return "null";
    }
    return key.length() > 80 ? key.substring(0, 80) + "…" : key;
  }
}
