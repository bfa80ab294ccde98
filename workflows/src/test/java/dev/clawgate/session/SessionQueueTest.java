package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionQueueTest {

  private static final SessionKey KEY = new SessionKey("agent:main:main");

  /** Follow-up mode with a cap high enough that these tests never reach it. */
  private static final QueuePolicy UNCAPPED = new QueuePolicy(QueueMode.FOLLOWUP, 0, 10_000, DropPolicy.NEW);

  private static SubmitResult offer(SessionQueue queue, InboundMessage message) {
    return queue.offer(message, UNCAPPED, 1_000L);
  }

  private static InboundMessage message(String runId) {
    return InboundMessage.message(runId, KEY, "text of " + runId, "agent", 1_000L);
  }

  private static RunOutcome ok(String runId) {
    return new RunOutcome(runId, KEY.value(), RunOutcome.OK, "reply to " + runId, null, 1_000L, 2_000L, 10, 5);
  }

  /** Runs the next message to completion and returns its run id. */
  private static String runNext(SessionQueue queue) {
    InboundMessage next = queue.startNext(QueueMode.FOLLOWUP).lead();
    queue.finish(ok(next.runId()));
    return next.runId();
  }

  @Test
  void runsComeOutInTheOrderTheyWereOffered() {
    SessionQueue queue = new SessionQueue();
    assertThat(offer(queue, message("r1"))).isEqualTo(SubmitResult.accepted(message("r1"), 0, 1));
    assertThat(offer(queue, message("r2"))).isEqualTo(SubmitResult.accepted(message("r2"), 1, 2));
    assertThat(offer(queue, message("r3"))).isEqualTo(SubmitResult.accepted(message("r3"), 2, 3));
    assertThat(queue.pendingRunIds()).containsExactly("r1", "r2", "r3");

    assertThat(runNext(queue)).isEqualTo("r1");
    assertThat(runNext(queue)).isEqualTo("r2");
    assertThat(runNext(queue)).isEqualTo("r3");
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void queuePositionCountsTheActiveRun() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    assertThat(offer(queue, message("r2")).queuePosition()).isEqualTo(1);
  }

  @Test
  void repeatOfAQueuedRunIdAnswersInFlightAndIsNotQueuedTwice() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    offer(queue, message("r2"));

    SubmitResult repeat = offer(queue, message("r1"));

    assertThat(repeat.status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(repeat.runId()).isEqualTo("r1");
    assertThat(queue.pendingRunIds()).containsExactly("r1", "r2");
  }

  @Test
  void repeatOfTheRunningRunIdAnswersInFlightAndIsNotQueued() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);

    assertThat(offer(queue, message("r1")).status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void repeatOfAFinishedRunIdAnswersDoneWithItsOutcomeAndIsNotQueued() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    runNext(queue);

    SubmitResult repeat = offer(queue, message("r1"));

    assertThat(repeat.status()).isEqualTo(SubmitResult.Status.DONE);
    assertThat(repeat.outcome()).isEqualTo(ok("r1"));
    assertThat(queue.hasPending()).isFalse();
  }

  @Test
  void startNextRefusesWhileARunIsActive() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    offer(queue, message("r2"));
    queue.startNext(QueueMode.FOLLOWUP);

    assertThatThrownBy(() -> queue.startNext(QueueMode.FOLLOWUP)).isInstanceOf(IllegalStateException.class).hasMessageContaining("r1");
    assertThat(queue.active()).map(turn -> turn.lead().runId()).contains("r1");
    assertThat(queue.pendingRunIds()).containsExactly("r2");
  }

  @Test
  void finishRefusesARunThatIsNotActive() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    offer(queue, message("r2"));
    assertThatThrownBy(() -> queue.finish(ok("r1"))).isInstanceOf(IllegalStateException.class);

    queue.startNext(QueueMode.FOLLOWUP);
    assertThatThrownBy(() -> queue.finish(ok("r2"))).isInstanceOf(IllegalStateException.class);
    assertThat(queue.isRunning()).isTrue();
  }

  @Test
  void stateFollowsARunFromQueuedToDone() {
    SessionQueue queue = new SessionQueue();
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.UNKNOWN);
    offer(queue, message("r1"));
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.QUEUED);
    queue.startNext(QueueMode.FOLLOWUP);
    assertThat(queue.state("r1").phase()).isEqualTo(RunState.RUNNING);
    queue.finish(ok("r1"));
    RunState done = queue.state("r1");
    assertThat(done.isDone()).isTrue();
    assertThat(done.outcome()).isEqualTo(ok("r1"));
  }

  @Test
  void snapshotCarriesPendingAndFinishedAndARebuiltQueueDedupes() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    offer(queue, message("r2"));
    offer(queue, message("r3"));
    runNext(queue);

    SessionQueue.Snapshot snapshot = queue.snapshot();
    assertThat(snapshot.pending()).extracting(InboundMessage::runId).containsExactly("r2", "r3");
    assertThat(snapshot.finished()).containsExactly(ok("r1"));

    SessionQueue rebuilt = new SessionQueue(snapshot, SessionQueue.DEFAULT_FINISHED_MEMORY);
    assertThat(offer(rebuilt, message("r1")).status()).isEqualTo(SubmitResult.Status.DONE);
    assertThat(offer(rebuilt, message("r1")).outcome()).isEqualTo(ok("r1"));
    assertThat(offer(rebuilt, message("r3")).status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(offer(rebuilt, message("r4"))).isEqualTo(SubmitResult.accepted(message("r4"), 2, 4));
    assertThat(rebuilt.pendingRunIds()).containsExactly("r2", "r3", "r4");
    assertThat(runNext(rebuilt)).isEqualTo("r2");
  }

  @Test
  void snapshotRefusesWhileARunIsActive() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    assertThatThrownBy(queue::snapshot).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishedMemoryIsBoundedAndKeepsTheNewest() {
    SessionQueue queue = new SessionQueue(SessionQueue.Snapshot.EMPTY, 3);
    for (int i = 1; i <= 5; i++) {
      offer(queue, message("r" + i));
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
        List.of(ok("r1"), ok("r2"), ok("r3"), ok("r4")), 4, List.of());

    SessionQueue queue = new SessionQueue(carried, 2);

    assertThat(queue.snapshot().finished()).extracting(RunOutcome::runId).containsExactly("r3", "r4");
  }

  private static InboundMessage message(String runId, QueueMode mode) {
    return message(runId).withQueueMode(mode);
  }

  @Test
  void collectMessagesQueuedBehindACollectMessageBecomeOneTurn() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    offer(queue, message("c1", QueueMode.COLLECT));
    offer(queue, message("c2", QueueMode.COLLECT));
    offer(queue, message("f3"));
    queue.finish(ok("r1"));

    Turn collected = queue.startNext(QueueMode.FOLLOWUP);

    assertThat(collected.messages()).extracting(InboundMessage::runId).containsExactly("c1", "c2");
    queue.finish(ok("c1"));
    assertThat(queue.state("c2").outcome()).as("c2 is answered by the turn c1 led").isEqualTo(ok("c1").forRun("c2"));
    assertThat(queue.startNext(QueueMode.FOLLOWUP).messages()).extracting(InboundMessage::runId).containsExactly("f3");
  }

  @Test
  void steerMessagesAreTakenIntoTheRunningTurnAndAnsweredByIt() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    offer(queue, message("s1", QueueMode.STEER));
    offer(queue, message("f2"));

    assertThat(queue.takeSteers(QueueMode.FOLLOWUP)).extracting(InboundMessage::runId).containsExactly("s1");
    assertThat(queue.pendingRunIds()).containsExactly("f2");
    assertThat(queue.state("s1").phase()).isEqualTo(RunState.RUNNING);
    queue.finish(ok("r1"));
    assertThat(queue.state("s1").outcome()).isEqualTo(ok("r1").forRun("s1"));
  }

  @Test
  void steerWithNothingRunningWaitsToStartItsOwnTurn() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("s1", QueueMode.STEER));

    assertThat(queue.takeSteers(QueueMode.FOLLOWUP)).isEmpty();
    assertThat(queue.startNext(QueueMode.FOLLOWUP).lead().runId()).isEqualTo("s1");
  }

  @Test
  void interruptMessageGoesToTheHeadOfTheQueue() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    offer(queue, message("f2"));

    SubmitResult interrupt = offer(queue, message("i3", QueueMode.INTERRUPT));

    assertThat(interrupt.queuePosition()).isZero();
    assertThat(queue.pendingRunIds()).containsExactly("i3", "f2");
  }

  @Test
  void dropNewRefusesTheMessageAtTheCapAndSaysWhy() {
    SessionQueue queue = new SessionQueue();
    QueuePolicy capTwo = new QueuePolicy(QueueMode.FOLLOWUP, 0, 2, DropPolicy.NEW);
    queue.offer(message("r1"), capTwo, 0);
    queue.offer(message("r2"), capTwo, 0);

    SubmitResult refused = queue.offer(message("r3"), capTwo, 0);

    assertThat(refused.status()).isEqualTo(SubmitResult.Status.DROPPED);
    assertThat(refused.outcome().error()).contains("queue is full");
    assertThat(queue.pendingRunIds()).containsExactly("r1", "r2");
  }

  @Test
  void dropOldRemovesTheOldestWaitingMessageAndRecordsWhy() {
    SessionQueue queue = new SessionQueue();
    QueuePolicy capTwo = new QueuePolicy(QueueMode.FOLLOWUP, 0, 2, DropPolicy.OLD);
    queue.offer(message("r1"), capTwo, 0);
    queue.offer(message("r2"), capTwo, 0);

    assertThat(queue.offer(message("r3"), capTwo, 0).status()).isEqualTo(SubmitResult.Status.ACCEPTED);

    assertThat(queue.pendingRunIds()).containsExactly("r2", "r3");
    assertThat(queue.state("r1").outcome().status()).isEqualTo(RunOutcome.DROPPED);
  }

  @Test
  void dropSummarizeGivesTheNextTurnANoteOfWhatWasDropped() {
    SessionQueue queue = new SessionQueue();
    QueuePolicy capOne = new QueuePolicy(QueueMode.FOLLOWUP, 0, 1, DropPolicy.SUMMARIZE);
    queue.offer(message("r1"), capOne, 0);
    queue.offer(message("r2"), capOne, 0);

    Turn next = queue.startNext(QueueMode.FOLLOWUP);

    assertThat(next.lead().runId()).isEqualTo("r2");
    assertThat(next.droppedNote()).contains("1 earlier message").contains("text of r1");
    assertThat(queue.state("r1").outcome().status()).isEqualTo(RunOutcome.DROPPED);
  }

  @Test
  void abortRemovesAWaitingRunAndNamesTheActiveOne() {
    SessionQueue queue = new SessionQueue();
    offer(queue, message("r1"));
    queue.startNext(QueueMode.FOLLOWUP);
    offer(queue, message("r2"));

    assertThat(queue.abort("r2", 5)).containsExactly("r2");
    assertThat(queue.state("r2").outcome().status()).isEqualTo(RunOutcome.ABORTED);
    assertThat(queue.abort(null, 5)).containsExactly("r1");
    assertThat(queue.abort("nope", 5)).isEmpty();
  }
}
