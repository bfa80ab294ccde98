package dev.clawgate.session;

/**
 * How a session queues: the default mode for messages that name none, a debounce window (a run starts only
 * after this long without new messages), the cap on waiting messages and what to drop at the cap.
 */
public record QueuePolicy(QueueMode mode, long debounceMs, int cap, DropPolicy drop) {

  public static final int DEFAULT_CAP = 20;
  public static final QueuePolicy DEFAULTS = new QueuePolicy(QueueMode.FOLLOWUP, 0, DEFAULT_CAP, DropPolicy.SUMMARIZE);

  public QueuePolicy {
    if (mode == null) {
      mode = QueueMode.FOLLOWUP;
    }
    if (drop == null) {
      drop = DropPolicy.SUMMARIZE;
    }
    if (debounceMs < 0) {
      throw new IllegalArgumentException("queue debounce must not be negative");
    }
    if (cap < 1) {
      throw new IllegalArgumentException("queue cap must be at least 1");
    }
  }

  /** This policy with the non-null fields of {@code patch} applied. */
  public QueuePolicy with(QueuePatch patch) {
    return new QueuePolicy(
        patch.mode() == null ? mode : patch.mode(),
        patch.debounceMs() == null ? debounceMs : patch.debounceMs(),
        patch.cap() == null ? cap : patch.cap(),
        patch.drop() == null ? drop : patch.drop());
  }
}
