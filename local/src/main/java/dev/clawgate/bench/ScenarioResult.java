package dev.clawgate.bench;

import java.util.Map;

/** What one scenario measured: a line for people and an object for the final JSON line. */
interface ScenarioResult {

  String name();

  /** True when everything planned was done, without errors or ordering violations. */
  boolean clean();

  String summary(long modelDelayMs);

  Map<String, Object> json(long modelDelayMs);

  /** Latency of every ok turn (for {@code --samples-dir}); none for scenarios that are not made of turns. */
  default long[] latencySamplesNanos() {
    return new long[0];
  }
}
