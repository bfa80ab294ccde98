package dev.clawgate.session;

import java.util.Locale;

/**
 * What a message does when its session is busy, with OpenClaw's meanings. Settable per gateway (config), per
 * session ({@code sessions.patch}) and per message ({@code chat.send}'s {@code queueMode}).
 */
public enum QueueMode {
  /** Each queued message is its own turn, in order. */
  FOLLOWUP,
  /** Messages that queued during a run become one turn. */
  COLLECT,
  /** A message that arrives mid-run is given to the model at the active run's next step. */
  STEER,
  /** The active run is cancelled (its partial output recorded as aborted) and the newest message runs. */
  INTERRUPT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire name; null stays null (meaning: the session's default). */
  public static QueueMode fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (QueueMode mode : values()) {
      if (mode.wireName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("queueMode must be one of followup, collect, steer, interrupt; got '"
        + value + "'");
  }
}
