package dev.clawgate.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of latencies, in nanoseconds; all zero when there were no samples. */
record LatencySummary(int count, long p50, long p95, long p99, long max, long mean) {

  static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

  /** {@code {p50, p95, p99, max, mean}} in milliseconds, three decimals. */
  Map<String, Object> millis() {
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("p50", ms(p50));
    ms.put("p95", ms(p95));
    ms.put("p99", ms(p99));
    ms.put("max", ms(max));
    ms.put("mean", ms(mean));
    return ms;
  }

  /** {@code {p50, p95}} of latency minus the model's known time, in milliseconds. */
  Map<String, Object> overheadMillis(long modelDelayMs) {
    long model = modelDelayMs * 1_000_000L;
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("p50", ms(p50 - model));
    ms.put("p95", ms(p95 - model));
    return ms;
  }

  static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
