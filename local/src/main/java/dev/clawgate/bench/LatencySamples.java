package dev.clawgate.bench;

import java.util.Arrays;

/**
 * Latencies kept exactly, percentiles by nearest rank over the sorted array.
 *
 * <p>Why not HdrHistogram: a bench run is bounded (at most a million turns by the option limits, usually a few
 * thousand), so every sample fits in a {@code long[]} of a few megabytes at worst and sorting it once at the end
 * takes milliseconds. That gives exact values with no new dependency. HdrHistogram earns its place when samples
 * are unbounded (constant memory) or when an open-loop generator needs coordinated-omission correction; this
 * generator is closed-loop (each session waits for its answer before sending again), which is what a chat
 * client does, so there is nothing to correct.
 */
final class LatencySamples {

  private long[] nanos = new long[256];
  private int size;

  synchronized void add(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  synchronized int size() {
    return size;
  }

  /** Every sample in the order it was added. */
  synchronized long[] all() {
    return Arrays.copyOf(nanos, size);
  }

  synchronized LatencySummary summary() {
    if (size == 0) {
      return LatencySummary.EMPTY;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    long sum = 0;
    for (long value : sorted) {
      sum += value;
    }
    return new LatencySummary(size, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[size - 1],
        sum / size);
  }

  /** Nearest rank: the smallest sample with at least {@code percent}% of the samples at or below it. */
  private static long rank(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
