package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.session.RunOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunEventHubTest {

  private static final String S1 = "agent:main:main";
  private static final String S2 = "agent:main:telegram:direct:42";

  private final RunEventHub hub = new RunEventHub();

  /** One delivery to an observer. */
  record Seen(RunEvent event, long seq, String textSoFar) {}

  static final class Recorder implements RunEventHub.Observer {
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent event, long runSeq, String textSoFar) {
      seen.add(new Seen(event, runSeq, textSoFar));
    }

    List<String> runIds() {
      return seen.stream().map(s -> s.event().runId()).collect(Collectors.toList());
    }

    List<Long> seqs() {
      return seen.stream().map(Seen::seq).collect(Collectors.toList());
    }
  }

  private static RunEvent started(String session, String run) {
    return new RunEvent.Started(run, session, "main", 1L);
  }

  private static RunEvent delta(String session, String run, int step, String text) {
    return new RunEvent.AssistantDelta(run, session, "main", step, text, 2L);
  }

  private static RunEvent ended(String session, String run) {
    return new RunEvent.Ended("main", new RunOutcome(run, session, RunOutcome.OK, "done", null, 1L, 3L, 0, 0), 3L);
  }

  @Test
  void runWatchersGetOnlyTheirRunsEvents() {
    Recorder watcher = new Recorder();
    hub.watchRun(S1, "r1", watcher);

    hub.publish(started(S1, "r1"));
    hub.publish(started(S1, "r2"));
    hub.publish(started(S2, "r1")); // same run id in another session is another run
    hub.publish(delta(S1, "r1", 0, "hi"));
    hub.publish(delta(S1, "r2", 0, "other"));

    assertThat(watcher.seen).hasSize(2);
    assertThat(watcher.seen).allSatisfy(s -> {
      assertThat(s.event().runId()).isEqualTo("r1");
      assertThat(s.event().sessionKey()).isEqualTo(S1);
    });
  }

  @Test
  void sessionWatchersGetEveryRunOfTheirSessionAndNoneOfOtherSessions() {
    Recorder watcher = new Recorder();
    hub.watchSession(S1, watcher);

    hub.publish(started(S1, "r1"));
    hub.publish(started(S2, "r9"));
    hub.publish(started(S1, "r2"));
    hub.publish(delta(S2, "r9", 0, "x"));
    hub.publish(ended(S1, "r1"));

    assertThat(watcher.runIds()).containsExactly("r1", "r2", "r1");
    assertThat(watcher.seen).allSatisfy(s -> assertThat(s.event().sessionKey()).isEqualTo(S1));
  }

  @Test
  void aRunWatcherAndASessionWatcherBothReceiveTheSameEventWithTheSameSeq() {
    Recorder run = new Recorder();
    Recorder session = new Recorder();
    hub.watchRun(S1, "r1", run);
    hub.watchSession(S1, session);

    hub.publish(started(S1, "r1"));
    hub.publish(delta(S1, "r1", 0, "a"));

    assertThat(run.seqs()).containsExactly(1L, 2L);
    assertThat(session.seqs()).containsExactly(1L, 2L);
  }

  @Test
  void seqIncreasesPerRun() {
    Recorder watcher = new Recorder();
    hub.watchSession(S1, watcher);

    hub.publish(started(S1, "r1"));
    hub.publish(started(S1, "r2"));
    hub.publish(delta(S1, "r1", 0, "a"));
    hub.publish(delta(S1, "r1", 0, "b"));
    hub.publish(delta(S1, "r2", 0, "c"));
    hub.publish(ended(S1, "r1"));

    List<Long> r1 = watcher.seen.stream().filter(s -> s.event().runId().equals("r1")).map(Seen::seq)
        .collect(Collectors.toList());
    List<Long> r2 = watcher.seen.stream().filter(s -> s.event().runId().equals("r2")).map(Seen::seq)
        .collect(Collectors.toList());
    assertThat(r1).containsExactly(1L, 2L, 3L, 4L);
    assertThat(r2).containsExactly(1L, 2L);
  }

  @Test
  void textSoFarAccumulatesDeltasWithinAStep() {
    Recorder watcher = new Recorder();
    hub.watchRun(S1, "r1", watcher);

    hub.publish(started(S1, "r1"));
    hub.publish(delta(S1, "r1", 0, "Hel"));
    hub.publish(delta(S1, "r1", 0, "lo"));
    hub.publish(delta(S1, "r1", 0, ", world"));

    assertThat(watcher.seen.stream().map(Seen::textSoFar)).containsExactly("", "Hel", "Hello", "Hello, world");
  }

  @Test
  void textSoFarRestartsWhenTheStepChanges() {
    Recorder watcher = new Recorder();
    hub.watchRun(S1, "r1", watcher);

    hub.publish(delta(S1, "r1", 0, "Let me "));
    hub.publish(delta(S1, "r1", 0, "check."));
    hub.publish(new RunEvent.ToolStarted("r1", S1, "main", "call-1", "read", "{}", 5L));
    hub.publish(delta(S1, "r1", 1, "The answer"));
    hub.publish(delta(S1, "r1", 1, " is 42."));

    assertThat(watcher.seen.stream().map(Seen::textSoFar))
        .containsExactly("Let me ", "Let me check.", "Let me check.", "The answer", "The answer is 42.");
  }

  @Test
  void textSoFarIsKeptPerRun() {
    Recorder watcher = new Recorder();
    hub.watchSession(S1, watcher);

    hub.publish(delta(S1, "r1", 0, "one"));
    hub.publish(delta(S1, "r2", 0, "two"));
    hub.publish(delta(S1, "r1", 0, "+"));

    assertThat(watcher.seen.stream().map(Seen::textSoFar)).containsExactly("one", "two", "one+");
  }

  @Test
  void aRunIdReusedAfterItEndedStartsAFreshStream() {
    Recorder watcher = new Recorder();
    hub.watchRun(S1, "r1", watcher);

    hub.publish(delta(S1, "r1", 0, "old"));
    hub.publish(ended(S1, "r1"));
    hub.publish(delta(S1, "r1", 0, "new"));

    assertThat(watcher.seqs()).containsExactly(1L, 2L, 1L);
    assertThat(watcher.seen.get(2).textSoFar()).isEqualTo("new");
  }

  @Test
  void closingARunWatchStopsDelivery() throws Exception {
    Recorder watcher = new Recorder();
    AutoCloseable handle = hub.watchRun(S1, "r1", watcher);
    hub.publish(started(S1, "r1"));

    handle.close();
    hub.publish(delta(S1, "r1", 0, "after"));

    assertThat(watcher.seen).hasSize(1);
  }

  @Test
  void closingASessionWatchStopsDeliveryButLeavesOtherWatchersOfTheSession() throws Exception {
    Recorder closed = new Recorder();
    Recorder kept = new Recorder();
    AutoCloseable handle = hub.watchSession(S1, closed);
    hub.watchSession(S1, kept);

    handle.close();
    hub.publish(started(S1, "r1"));

    assertThat(closed.seen).isEmpty();
    assertThat(kept.seen).hasSize(1);
  }

  @Test
  void closingAWatchTwiceIsHarmless() throws Exception {
    Recorder watcher = new Recorder();
    AutoCloseable handle = hub.watchSession(S1, watcher);

    handle.close();

    assertThatCode(handle::close).doesNotThrowAnyException();
    hub.publish(started(S1, "r1"));
    assertThat(watcher.seen).isEmpty();
  }

  @Test
  void aThrowingObserverDoesNotStopOthers() {
    Recorder before = new Recorder();
    Recorder after = new Recorder();
    Recorder session = new Recorder();
    hub.watchRun(S1, "r1", before);
    hub.watchRun(S1, "r1", (event, seq, text) -> {
      throw new IllegalStateException("broken watcher");
    });
    hub.watchRun(S1, "r1", after);
    hub.watchSession(S1, session);

    assertThatCode(() -> hub.publish(started(S1, "r1"))).doesNotThrowAnyException();
    hub.publish(delta(S1, "r1", 0, "x"));

    assertThat(before.seen).hasSize(2);
    assertThat(after.seen).hasSize(2);
    assertThat(session.seen).hasSize(2);
  }

  @Test
  void publishingWithNoWatchersIsANoOp() {
    assertThatCode(() -> {
      hub.publish(started(S1, "r1"));
      hub.publish(delta(S1, "r1", 0, "x"));
      hub.publish(ended(S1, "r1"));
    }).doesNotThrowAnyException();
  }

  @Test
  void anEndedRunsOutcomeStaysKnownForARepeatOfItsKey() {
    hub.publish(started(S1, "r1"));
    assertThat(hub.recentOutcome(S1, "r1")).as("still running").isEmpty();

    hub.publish(ended(S1, "r1"));

    assertThat(hub.recentOutcome(S1, "r1")).hasValueSatisfying(outcome -> assertThat(outcome.text()).isEqualTo("done"));
    assertThat(hub.recentOutcome(S2, "r1")).as("same run id, other session").isEmpty();
  }

  @Test
  void onlyTheMostRecentOutcomesAreKept() {
    for (int i = 0; i <= RunEventHub.RECENT_OUTCOMES; i++) {
      hub.publish(ended(S1, "r" + i));
    }

    assertThat(hub.recentOutcome(S1, "r0")).as("the oldest is forgotten").isEmpty();
    assertThat(hub.recentOutcome(S1, "r" + RunEventHub.RECENT_OUTCOMES)).isPresent();
  }
}
