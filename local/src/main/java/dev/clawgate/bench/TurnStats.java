package dev.clawgate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The turns of one scenario as they finish. Frozen when the scenario ends, so a turn that fails only because
 * the bench closed its connection afterwards is not counted.
 */
final class TurnStats {

  private static final int ERROR_SAMPLES = 5;

  private final LatencySamples latencies = new LatencySamples();
  private final Map<String, Integer> errorCounts = new LinkedHashMap<>();
  private final List<TurnResult> results = new ArrayList<>();
  private int errors;
  private boolean frozen;

  /** Records a finished turn; false if the scenario had already ended. */
  synchronized boolean add(TurnResult result) {
    if (frozen) {
      return false;
    }
    results.add(result);
    if (result.ok()) {
      latencies.add(result.latencyNanos());
    } else {
      errors++;
      if (errorCounts.containsKey(result.error()) || errorCounts.size() < ERROR_SAMPLES) {
        errorCounts.merge(result.error(), 1, Integer::sum);
      }
    }
    return true;
  }

  synchronized void freeze() {
    frozen = true;
  }

  synchronized int answered() {
    return results.size();
  }

  synchronized int errors() {
    return errors;
  }

  synchronized List<TurnResult> results() {
    return List.copyOf(results);
  }

  /** Up to five distinct error messages with how often each was seen. */
  synchronized Map<String, Integer> errorSamples() {
    return new LinkedHashMap<>(errorCounts);
  }

  LatencySummary latency() {
    return latencies.summary();
  }

  /** Latency of every ok turn, in the order they finished. */
  long[] latencyNanos() {
    return latencies.all();
  }
}
