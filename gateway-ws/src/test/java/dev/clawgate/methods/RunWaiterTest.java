package dev.clawgate.methods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.gateway.RunEventHub;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunWaiterTest {

  private final RunWaiter waiter = new RunWaiter(new RunEventHub(), null, RunWaiter.Polling.SAFETY_NET);

  @AfterEach
  void close() {
    waiter.close();
  }

  @Test
  void aTimeoutLeavesTheQueueAsSoonAsTheOutcomeArrives() {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    AtomicInteger timedOut = new AtomicInteger();
    waiter.onTimeout(outcome, TimeUnit.MINUTES.toMillis(2), timedOut::incrementAndGet);
    assertThat(waiter.pendingTimers()).isEqualTo(1);

    outcome.complete("done");

    assertThat(waiter.pendingTimers()).as("no timer waits out the two minutes").isZero();
    assertThat(timedOut).hasValue(0);
  }

  @Test
  void aLateOutcomeIsCancelledAndOnlyTheTimeoutAnswers() throws Exception {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    CompletableFuture<Void> timedOut = new CompletableFuture<>();
    waiter.onTimeout(outcome, 50, () -> timedOut.complete(null));

    timedOut.get(10, TimeUnit.SECONDS);

    assertThat(outcome.isCancelled()).isTrue();
    assertThat(outcome.complete("too late")).as("the outcome can no longer answer as well").isFalse();
  }

  @Test
  void pollingBacksOffFromItsFirstDelayToItsMaximum() {
    RunWaiter.Polling polling = RunWaiter.Polling.PRIMARY;
    assertThat(polling.next(0)).isEqualTo(250);
    assertThat(polling.next(250)).isEqualTo(500);
    assertThat(polling.next(500)).isEqualTo(1_000);
    assertThat(polling.next(1_000)).isEqualTo(1_000);
    assertThat(RunWaiter.Polling.SAFETY_NET.next(0)).isEqualTo(5_000);
    assertThat(RunWaiter.Polling.SAFETY_NET.next(20_000)).isEqualTo(30_000);
  }
}
