package dev.clawgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void percentilesAreNearestRankOverAllSamples() {
    LatencySamples samples = new LatencySamples();
    for (int i = 1000; i >= 1; i--) {
      samples.add(i * 1_000_000L);
    }

    LatencySummary summary = samples.summary();

    assertThat(summary.count()).isEqualTo(1000);
    assertThat(summary.p50()).isEqualTo(500_000_000L);
    assertThat(summary.p95()).isEqualTo(950_000_000L);
    assertThat(summary.p99()).isEqualTo(990_000_000L);
    assertThat(summary.max()).isEqualTo(1_000_000_000L);
    assertThat(summary.mean()).isEqualTo(500_500_000L);
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    LatencySamples samples = new LatencySamples();
    samples.add(7_000_000L);

    assertThat(samples.summary()).isEqualTo(new LatencySummary(1, 7_000_000L, 7_000_000L, 7_000_000L, 7_000_000L,
        7_000_000L));
  }

  @Test
  void noSamplesGiveZeros() {
    assertThat(new LatencySamples().summary()).isEqualTo(LatencySummary.EMPTY);
  }

  @Test
  void overheadIsLatencyMinusTheModelDelayInMilliseconds() {
    LatencySummary summary = new LatencySummary(2, 12_345_678L, 20_000_000L, 20_000_000L, 20_000_000L, 16_000_000L);

    assertThat(summary.overheadMillis(10)).containsEntry("p50", 2.346).containsEntry("p95", 10.0);
  }
}
