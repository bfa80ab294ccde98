package dev.clawgate.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The figures of a connection storm: how many handshakes completed, how fast, and what failed. */
record StormResult(int clients, int connected, int errors, LatencySummary handshake, long durationNanos,
    Map<String, Integer> errorSamples) implements ScenarioResult {

  static final String NAME = "storm";

  @Override
  public String name() {
    return NAME;
  }

  int unfinished() {
    return clients - connected - errors;
  }

  double connectsPerSecond() {
    return durationNanos <= 0 ? 0 : connected * 1e9 / durationNanos;
  }

  @Override
  public boolean clean() {
    return connected == clients;
  }

  @Override
  public String summary(long modelDelayMs) {
    return String.format(Locale.ROOT, "%-10s %d/%d clients connected, %d errors, handshake ms p50 %.1f p95 %.1f "
            + "p99 %.1f max %.1f, %.1f connects/s%s", NAME, connected, clients, errors,
        LatencySummary.ms(handshake.p50()), LatencySummary.ms(handshake.p95()), LatencySummary.ms(handshake.p99()),
        LatencySummary.ms(handshake.max()), connectsPerSecond(),
        unfinished() > 0 ? ", " + unfinished() + " unfinished (--max-seconds)" : "");
  }

  @Override
  public Map<String, Object> json(long modelDelayMs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("clients", clients);
    json.put("connected", connected);
    json.put("errors", errors);
    json.put("unfinished", unfinished());
    json.put("handshakeMs", handshake.millis());
    json.put("connectsPerSec", Math.round(connectsPerSecond() * 100) / 100.0);
    json.put("durationMs", LatencySummary.ms(durationNanos));
    if (!errorSamples.isEmpty()) {
      json.put("errorSamples", errorSamples);
    }
    return json;
  }
}
