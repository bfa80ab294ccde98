package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionQueueTest {

  private static final SessionKey KEY = new SessionKey("agent:main:main");

  private static InboundMessage message(String runId) {
    return InboundMessage.message(runId, KEY, "text of " + runId, "agent", 1_000L);
  }

  private static RunOutcome ok(String runId) {
    return new RunOutcome(runId, KEY.value(), RunOutcome.OK, "reply to " + runId, null, 1_000L, 2_000L, 10, 5);
  }

  /** Runs the next message to completion and returns its run id. */
  private static String runNext(SessionQueue queue) {
    InboundMessage next = queue.startNext();
    queue.finish(ok(next.runId()));
    return next.runId();
  }

  @Test
  void runsComeOutInTheOrderTheyWereOffered() {
    SessionQueue queue = new SessionQueue();
    assertThat(queue.offer(message("r1"))).isEqualTo(SubmitResult.accepted(message("r1"), 0, 1));
    assertThat(queue.offer(message("r2"))).isEqualTo(SubmitResult.accepted(message("r2"), 1, 2));
    assertThat(queue.offer(message("r3"))).isEqualTo(SubmitResult.accepted(message("r3"), 2, 3));
    assertThat(queue.pendingRunIds()).containsExactly("r1", "r2", "r3");

    assertThat(runNext(queue)).isEqualTo("r1");
    assertThat(runNext(queue)).isEqualTo("r2");
    assertThat(runNext(queue)).isEqualTo("r3");
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void queuePositionCountsTheActiveRun() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.startNext();
    assertThat(queue.offer(message("r2")).queuePosition()).isEqualTo(1);
  }

  @Test
  void repeatOfAQueuedRunIdAnswersInFlightAndIsNotQueuedTwice() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.offer(message("r2"));

    SubmitResult repeat = queue.offer(message("r1"));

    assertThat(repeat.status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(repeat.runId()).isEqualTo("r1");
    assertThat(queue.pendingRunIds()).containsExactly("r1", "r2");
  }

  @Test
  void repeatOfTheRunningRunIdAnswersInFlightAndIsNotQueued() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.startNext();

    assertThat(queue.offer(message("r1")).status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void repeatOfAFinishedRunIdAnswersDoneWithItsOutcomeAndIsNotQueued() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    runNext(queue);

    SubmitResult repeat = queue.offer(message("r1"));

    assertThat(repeat.status()).isEqualTo(SubmitResult.Status.DONE);
    assertThat(repeat.outcome()).isEqualTo(ok("r1"));
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void startNextRefusesWhileARunIsActive() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.offer(message("r2"));
    queue.startNext();

    assertThatThrownBy(queue::startNext).isInstanceOf(IllegalStateException.class).hasMessageContaining("r1");
    assertThat(queue.active()).map(InboundMessage::runId).contains("r1");
    assertThat(queue.pendingRunIds()).containsExactly("r2");
  }

  @Test
  void finishRefusesARunThatIsNotActive() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.offer(message("r2"));
    assertThatThrownBy(() -> queue.finish(ok("r1"))).isInstanceOf(IllegalStateException.class);

    queue.startNext();
    assertThatThrownBy(() -> queue.finish(ok("r2"))).isInstanceOf(IllegalStateException.class);
    assertThat(queue.isRunning()).isTrue();
  }

  @Test
  void stateFollowsARunFromQueuedToDone() {
    SessionQueue queue = new SessionQueue();
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.UNKNOWN);
    queue.offer(message("r1"));
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.QUEUED);
    queue.startNext();
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.RUNNING);
    queue.finish(ok("r1"));
    RunState done = queue.state("r1");
    assertThat(done.isDone()).isTrue();
    assertThat(done.outcome()).isEqualTo(ok("r1"));
  }

  @Test
  void snapshotCarriesPendingAndFinishedAndARebuiltQueueDedupes() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.offer(message("r2"));
    queue.offer(message("r3"));
    runNext(queue);

    SessionQueue.Snapshot snapshot = queue.snapshot();
    assertThat(snapshot.pending()).extracting(InboundMessage::runId).containsExactly("r2", "r3");
    assertThat(snapshot.finished()).containsExactly(ok("r1"));

    SessionQueue rebuilt = new SessionQueue(snapshot, SessionQueue.DEFAULT_FINISHED_MEMORY);
    assertThat(rebuilt.offer(message("r1")).status()).isEqualTo(SubmitResult.Status.DONE);
    assertThat(rebuilt.offer(message("r1")).outcome()).isEqualTo(ok("r1"));
    assertThat(rebuilt.offer(message("r3")).status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(rebuilt.offer(message("r4"))).isEqualTo(SubmitResult.accepted(message("r4"), 2, 4));
    assertThat(rebuilt.pendingRunIds()).containsExactly("r2", "r3", "r4");
    assertThat(runNext(rebuilt)).isEqualTo("r2");
  }

  @Test
  void snapshotRefusesWhileARunIsActive() {
    SessionQueue queue = new SessionQueue();
    queue.offer(message("r1"));
    queue.startNext();
    assertThatThrownBy(queue::snapshot).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishedMemoryIsBoundedAndKeepsTheNewest() {
    SessionQueue queue = new SessionQueue(SessionQueue.Snapshot.EMPTY, 3);
    for (int i = 1; i <= 5; i++) {
      queue.offer(message("r" + i));
      runNext(queue);
    }

    assertThat(queue.state("r1").phase()).isEqualTo(RunState.UNKNOWN);
    assertThat(queue.state("r2").phase()).isEqualTo(RunState.UNKNOWN);
    assertThat(queue.state("r3").isDone()).isTrue();
    assertThat(queue.state("r5").isDone()).isTrue();
    assertThat(queue.snapshot().finished()).extracting(RunOutcome::runId).containsExactly("r3", "r4", "r5");
  }

  @Test
  void rebuildingWithASmallerMemoryKeepsTheNewestFinishedRuns() {
    SessionQueue.Snapshot carried = new SessionQueue.Snapshot(List.of(),
        List.of(ok("r1"), ok("r2"), ok("r3"), ok("r4")), 4);

    SessionQueue queue = new SessionQueue(carried, 2);

    assertThat(queue.snapshot().finished()).extracting(RunOutcome::runId).containsExactly("r3", "r4");
  }
}
