package dev.clawgate.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

  private static final KillRecord KILL = new KillRecord(1, 0, KillAim.STREAM, true, 123, 2, 0, 3000);

  @Test
  void lineNamesEveryCounterCiLooksFor() {
    ChaosReport report = new ChaosReport(audit(0, 0), List.of(KILL, KILL), 2, 1, 3, 4, 1, 10.0, false, null);

    assertThat(report.line()).isEqualTo(
        "accepted=40 lost=0 duplicated=0 tool_repeats=0 reordered=0 overlaps=0 kills=2 turns=40 turns/s=4.0");
    assertThat(report.passed()).isTrue();
    assertThat(report.details()).contains("stream 2").endsWith("PASS");
  }

  @Test
  void anyViolationFails() {
    assertThat(new ChaosReport(audit(1, 0), List.of(KILL), 1, 0, 0, 0, 0, 1, false, null).passed()).isFalse();
    assertThat(new ChaosReport(audit(0, 1), List.of(KILL), 1, 0, 0, 0, 0, 1, false, null).passed()).isFalse();
  }

  @Test
  void fewerKillsThanAskedForFails() {
    assertThat(new ChaosReport(audit(0, 0), List.of(KILL), 2, 0, 0, 0, 0, 1, false, null).passed()).isFalse();
  }

  @Test
  void overflowedSideEffectWatchFails() {
    assertThat(new ChaosReport(audit(0, 0), List.of(KILL), 1, 0, 0, 0, 0, 1, true, null).passed()).isFalse();
  }

  private static AuditResult audit(int lost, int overlaps) {
    return new AuditResult(40, lost, 0, 0, 0, overlaps, 0, 0, 0, 0, 0, 0, 0, 40, 8, List.of());
  }
}
