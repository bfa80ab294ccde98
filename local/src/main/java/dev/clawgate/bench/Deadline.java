package dev.clawgate.bench;

/** The {@code --max-seconds} guard: no new turn starts after it, and nothing is waited for beyond it. */
record Deadline(long endNanos) {

  static Deadline in(long seconds) {
    return new Deadline(System.nanoTime() + seconds * 1_000_000_000L);
  }

  boolean passed() {
    return System.nanoTime() - endNanos >= 0;
  }

  long remainingMillis() {
    return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
  }
}
