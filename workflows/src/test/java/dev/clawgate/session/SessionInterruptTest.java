package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.clawgate.agent.SlowStreamingModel;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.TranscriptEntry;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupt and abort stop a run that is still streaming, promptly, in real time: the test server runs
 * without time skipping here, so the latencies measured are the ones a user would see.
 *
 * <p>Two latencies matter. The run's outcome is decided by the workflow as soon as it cancels the turn's
 * scope (TRY_CANCEL does not wait for the activity). The model call itself learns of the cancellation only
 * at its next heartbeat, which the SDK sends at most every 0.8 × the heartbeat timeout; that bounds how long
 * the provider keeps streaming (and billing) after the user said stop.
 */
class SessionInterruptTest {

  private static final SessionKey KEY = new SessionKey("agent:main:main");
  /** The promise: an interrupted run stops well under two seconds. */
  private static final Duration PROMPT = Duration.ofSeconds(2);

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setUseTimeskipping(false)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  /** A token every 100 ms for 30 s for {@code slow:} messages; everything else is answered at once. */
  private final ScriptedStreamingModel quick = ScriptedStreamingModel.answering(
      request -> AiMessage.from("done: " + ScriptedStreamingModel.lastUserText(request)
          .orElseThrow()));
  private final SlowStreamingModel model = new SlowStreamingModel(100, 300, quick);

  @Test
  void interruptCancelsTheActiveRunWellUnderTwoSecondsAndRunsTheNewestMessage(TestWorkflowEnvironment env,
      Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model));
    kit.submit(KEY, "run-1", SlowStreamingModel.MARKER + " tell me a long story");
    SessionTestKit.await("the first run to stream", () -> model.emitted() >= 3);

    long interruptedAt = System.nanoTime();
    SubmitResult interrupt = kit.sessions.submit(
        SessionTestKit.message(KEY, "run-2", "stop, tell me a joke instead").withQueueMode(QueueMode.INTERRUPT));
    RunOutcome first = kit.awaitOutcome(KEY, "run-1");
    long outcomeAfterMs = msSince(interruptedAt);
    SessionTestKit.await("the slow stream to be cancelled", () -> model.cancelledAtNanos() != 0);
    long streamStoppedAfterMs = (model.cancelledAtNanos() - interruptedAt) / 1_000_000;
    RunOutcome second = kit.awaitOutcome(KEY, "run-2");
    System.out.printf("interrupt: outcome aborted after %d ms, model stream cancelled after %d ms%n",
        outcomeAfterMs, streamStoppedAfterMs);

    assertThat(interrupt.status()).isEqualTo(SubmitResult.Status.ACCEPTED);
    assertThat(interrupt.queuePosition()).as("an interrupt goes to the front of the queue").isZero();
    assertThat(first.status()).isEqualTo(RunOutcome.ABORTED);
    assertThat(first.error()).isEqualTo("interrupted by run-2");
    assertThat(outcomeAfterMs).as("ms from interrupt to the aborted outcome").isLessThan(PROMPT.toMillis());
    assertThat(streamStoppedAfterMs).as("ms from interrupt to the model stream being cancelled")
        .isLessThan(PROMPT.toMillis());
    assertThat(model.emitted()).as("the 30 s stream was cut short").isLessThan(100);

    assertStoppedRunRecorded(kit, "run-1", "interrupted by run-2");
    assertThat(second.status()).isEqualTo(RunOutcome.OK);
    assertThat(second.text()).isEqualTo("done: stop, tell me a joke instead");
    assertThat(kit.entriesOf(KEY, "run-2")).extracting(TranscriptEntry::id)
        .containsExactly(EntryIds.user("run-2"), EntryIds.assistant("run-2", 0));
    assertThat(lifecycle(kit)).as("the interrupting run starts only after the interrupted one ended")
        .containsExactly("Started run-1", "Ended run-1", "Started run-2", "Ended run-2");
    ChatRequest next = quick.requests().get(0);
    assertThat(next.messages()).as("the aborted partial is not shown to the model")
        .noneMatch(message -> message.toString().contains("t0 t1"));
    assertThat(next.messages()).last().isEqualTo(UserMessage.from("stop, tell me a joke instead"));
  }

  @Test
  void abortStopsTheRunTheSameWayAsInterrupt(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model));

    // By run id, as chat.abort with a runId and an agent run's abort do.
    kit.submit(KEY, "run-1", SlowStreamingModel.MARKER + " first story");
    SessionTestKit.await("run-1 to stream", () -> model.emitted() >= 3);
    long abortedAt = System.nanoTime();
    AbortResult byId = kit.sessions.abort(KEY, "run-1");
    RunOutcome first = kit.awaitOutcome(KEY, "run-1");
    long firstAfterMs = msSince(abortedAt);
    SessionTestKit.await("run-1's stream to be cancelled", () -> model.cancelledAtNanos() != 0);
    long firstStreamMs = (model.cancelledAtNanos() - abortedAt) / 1_000_000;

    // Without a run id: whatever runs now, as chat.abort with only a session key does.
    model.reset();
    kit.submit(KEY, "run-2", SlowStreamingModel.MARKER + " second story");
    SessionTestKit.await("run-2 to stream", () -> model.emitted() >= 3);
    abortedAt = System.nanoTime();
    AbortResult whateverRuns = kit.sessions.abort(KEY, null);
    RunOutcome second = kit.awaitOutcome(KEY, "run-2");
    long secondAfterMs = msSince(abortedAt);
    SessionTestKit.await("run-2's stream to be cancelled", () -> model.cancelledAtNanos() != 0);
    long secondStreamMs = (model.cancelledAtNanos() - abortedAt) / 1_000_000;
    System.out.printf("abort by id: outcome after %d ms, stream cancelled after %d ms; "
        + "abort without id: %d ms, %d ms%n", firstAfterMs, firstStreamMs, secondAfterMs, secondStreamMs);

    assertThat(byId).isEqualTo(new AbortResult(true, List.of("run-1")));
    assertThat(whateverRuns).isEqualTo(new AbortResult(true, List.of("run-2")));
    for (RunOutcome outcome : List.of(first, second)) {
      assertThat(outcome.status()).isEqualTo(RunOutcome.ABORTED);
      assertThat(outcome.error()).isEqualTo("aborted");
    }
    assertThat(List.of(firstAfterMs, firstStreamMs, secondAfterMs, secondStreamMs))
        .as("ms from abort to outcome and to stream cancellation").allMatch(ms -> ms < PROMPT.toMillis());
    assertStoppedRunRecorded(kit, "run-1", "aborted");
    assertStoppedRunRecorded(kit, "run-2", "aborted");

    assertThat(kit.sessions.abort(KEY, null)).as("nothing runs: nothing to abort")
        .isEqualTo(new AbortResult(false, List.of()));
    kit.submit(KEY, "run-3", "are you still there?");
    assertThat(kit.awaitOutcome(KEY, "run-3").ok()).as("the session goes on after an abort").isTrue();
  }

  @Test
  void abortingAWaitingRunRemovesIt(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    Gate gate = new Gate();
    ScriptedStreamingModel held = ScriptedStreamingModel.answering(request -> {
      String text = ScriptedStreamingModel.lastUserText(request).orElseThrow();
      if (text.equals("first")) {
        gate.pass();
      }
      return AiMessage.from("reply to " + text);
    });
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(held));
    kit.submit(KEY, "run-1", "first");
    gate.awaitEntered();
    kit.submit(KEY, "run-2", "second");
    kit.submit(KEY, "run-3", "third");

    AbortResult aborted = kit.sessions.abort(KEY, "run-2");
    SessionStatus afterAbort = kit.sessions.status(KEY).orElseThrow();
    gate.open();
    RunOutcome waiting = kit.awaitOutcome(KEY, "run-2");

    assertThat(aborted).isEqualTo(new AbortResult(true, List.of("run-2")));
    assertThat(afterAbort.activeRunId()).as("the running turn is untouched").isEqualTo("run-1");
    assertThat(afterAbort.pendingRunIds()).containsExactly("run-3");
    assertThat(waiting.status()).isEqualTo(RunOutcome.ABORTED);
    assertThat(waiting.error()).isEqualTo("aborted before it started");
    assertThat(kit.awaitOutcome(KEY, "run-1").ok()).isTrue();
    assertThat(kit.awaitOutcome(KEY, "run-3").ok()).isTrue();
    assertThat(held.calls()).containsExactly("start first", "end first", "start third", "end third");
    assertThat(kit.entriesOf(KEY, "run-2")).as("a run aborted before it started leaves no entry").isEmpty();
    assertThat(kit.sessions.submit(SessionTestKit.message(KEY, "run-2", "second")))
        .as("a repeat of the aborted run's key answers with its outcome")
        .satisfies(repeat -> assertThat(repeat.status()).isEqualTo(SubmitResult.Status.DONE));
  }

  /** The run's partial output is kept as an aborted entry, and one closing entry says why it ended. */
  private static void assertStoppedRunRecorded(SessionTestKit kit, String runId, String reason) {
    SessionTestKit.await("the partial of " + runId + " to be recorded",
        () -> kit.stores.transcripts().find(KEY.value(), EntryIds.abortedPartial(runId, 0)).isPresent());
    List<TranscriptEntry> entries = kit.entriesOf(KEY, runId);
    assertThat(entries).extracting(TranscriptEntry::id).containsExactlyInAnyOrder(
        EntryIds.user(runId), EntryIds.abortedPartial(runId, 0), EntryIds.failure(runId));
    assertThat(entries.get(0).id()).isEqualTo(EntryIds.user(runId));
    TranscriptEntry partial = find(entries, EntryIds.abortedPartial(runId, 0)).orElseThrow();
    assertThat(partial.role()).isEqualTo(TranscriptEntry.ASSISTANT);
    assertThat(partial.isError()).isTrue();
    assertThat(partial.stopReason()).isEqualTo(TranscriptEntry.ABORTED);
    assertThat(partial.text()).as("what had streamed before the stop").startsWith("t0 t1 t2 ");
    TranscriptEntry closing = find(entries, EntryIds.failure(runId)).orElseThrow();
    assertThat(closing.role()).isEqualTo(TranscriptEntry.ASSISTANT);
    assertThat(closing.isError()).isTrue();
    assertThat(closing.stopReason()).isEqualTo(RunOutcome.ABORTED);
    assertThat(closing.text()).isEqualTo(reason);
  }

  private static Optional<TranscriptEntry> find(List<TranscriptEntry> entries, String id) {
    return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }

  private static List<String> lifecycle(SessionTestKit kit) {
    return kit.events().stream()
        .filter(event -> event instanceof RunEvent.Started || event instanceof RunEvent.Ended)
        .map(event -> event.getClass().getSimpleName() + " " + event.runId())
        .toList();
  }

  private static long msSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
