package dev.clawgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BurstOrderingTest {

  private static BurstScenario.Arrival arrival(long queueSeq, int sendIndex, int arrivalIndex) {
    return new BurstScenario.Arrival(TurnResult.ok("run-" + sendIndex, 1, queueSeq), sendIndex, arrivalIndex);
  }

  @Test
  void answersInAcceptanceOrderHaveNoViolations() {
    // Accepted in a different order than sent (queueSeq), answered in the accepted order.
    List<BurstScenario.Arrival> arrivals = List.of(arrival(2, 0, 1), arrival(1, 1, 0), arrival(3, 2, 2));

    assertThat(BurstScenario.violations(arrivals, true)).isZero();
  }

  @Test
  void sendOrderIsTheYardstickWhenTheGatewayGivesNoQueueSeq() {
    List<BurstScenario.Arrival> arrivals = List.of(arrival(-1, 0, 1), arrival(-1, 1, 0), arrival(-1, 2, 2));

    assertThat(BurstScenario.violations(arrivals, false)).isEqualTo(1);
  }

  @Test
  void oneLateAnswerCountsOncePerAnswerThatOvertookIt() {
    List<BurstScenario.Arrival> arrivals = List.of(arrival(1, 0, 3), arrival(2, 1, 0), arrival(3, 2, 1),
        arrival(4, 3, 2));

    assertThat(BurstScenario.violations(arrivals, true)).isEqualTo(3);
  }

  @Test
  void failedTurnsAreNotPartOfTheOrder() {
    BurstScenario.Arrival failed = new BurstScenario.Arrival(TurnResult.failed("run-x", 1, "boom", 1), 0, 5);
    List<BurstScenario.Arrival> arrivals = List.of(failed, arrival(2, 1, 0), arrival(3, 2, 1));

    assertThat(BurstScenario.violations(arrivals, true)).isZero();
  }
}
