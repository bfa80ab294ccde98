package dev.clawgate.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a scenario made of turns. {@code turns} counts answered turns (ok or not), {@code errors} the
 * answers that were not ok, {@code unfinished} what the deadline cut off; latency and throughput are over the
 * ok turns only, so a fast failure cannot make a gateway look quick.
 */
record TurnScenarioResult(String name, Map<String, Object> shape, int planned, int turns, int errors,
    LatencySummary latency, long durationNanos, int orderingViolations, String orderBasis,
    Map<String, Integer> errorSamples, long[] samplesNanos) implements ScenarioResult {

  int unfinished() {
    return planned - turns;
  }

  double throughput() {
    return durationNanos <= 0 ? 0 : latency.count() * 1e9 / durationNanos;
  }

  @Override
  public long[] latencySamplesNanos() {
    return samplesNanos.clone();
  }

  @Override
  public boolean clean() {
    return errors == 0 && unfinished() == 0 && orderingViolations == 0;
  }

  @Override
  public String summary(long modelDelayMs) {
    double model = modelDelayMs;
    return String.format(Locale.ROOT, "%-10s %d/%d turns, %d errors, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f,"
            + " overhead ms p50 %.1f p95 %.1f, %.1f turns/s, %d ordering violations%s",
        name, turns, planned, errors, LatencySummary.ms(latency.p50()), LatencySummary.ms(latency.p95()),
        LatencySummary.ms(latency.p99()), LatencySummary.ms(latency.max()),
        LatencySummary.ms(latency.p50()) - model, LatencySummary.ms(latency.p95()) - model, throughput(),
        orderingViolations, unfinished() > 0 ? ", " + unfinished() + " unfinished (--max-seconds)" : "");
  }

  @Override
  public Map<String, Object> json(long modelDelayMs) {
    Map<String, Object> json = new LinkedHashMap<>(shape);
    json.put("planned", planned);
    json.put("turns", turns);
    json.put("errors", errors);
    json.put("unfinished", unfinished());
    json.put("latencyMs", latency.millis());
    json.put("overheadMs", latency.overheadMillis(modelDelayMs));
    json.put("throughputPerSec", Math.round(throughput() * 100) / 100.0);
    json.put("orderingViolations", orderingViolations);
    if (orderBasis != null) {
      json.put("orderBasis", orderBasis);
    }
    json.put("durationMs", LatencySummary.ms(durationNanos));
    if (!errorSamples.isEmpty()) {
      json.put("errorSamples", errorSamples);
    }
    return json;
  }
}
