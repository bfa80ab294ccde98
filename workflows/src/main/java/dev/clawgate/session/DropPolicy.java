package dev.clawgate.session;

import java.util.Locale;

/** What happens to a message that arrives when the session's queue is at its cap. Never silent. */
public enum DropPolicy {
  /** The oldest waiting message is dropped; its sender is told. */
  OLD,
  /** The new message is refused; its sender is told at once. */
  NEW,
  /** The oldest waiting message is dropped and a short note of it is given to the next turn. */
  SUMMARIZE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DropPolicy fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (DropPolicy policy : values()) {
      if (policy.wireName().equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("queue drop policy must be one of old, new, summarize; got '" + value + "'");
  }
}
