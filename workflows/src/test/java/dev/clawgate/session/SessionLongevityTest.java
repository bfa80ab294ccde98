package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.EchoModel;
import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.transcript.TranscriptEntry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions live long: the workflow continues as new when the server suggests it (the test server, like a
 * real one, does so at about 4,000 history events, some 380 turns of this shape) and at the latest every
 * {@value SessionWorkflowImpl#MAX_TURNS_PER_HISTORY} turns, carrying its queue, the memory of finished runs
 * and its policy; nothing a client was told is lost or repeated on the way. The model is instant, so what
 * is measured is the session machinery.
 */
class SessionLongevityTest {

  private static final SessionKey KEY = new SessionKey("agent:main:main");
  /** Room for every message these tests queue at once; the cap is not what they test. */
  private static final QueuePolicy ROOMY = new QueuePolicy(QueueMode.FOLLOWUP, 0, 100_000, DropPolicy.SUMMARIZE);
  private static final int TURNS_PER_HISTORY = SessionWorkflowImpl.MAX_TURNS_PER_HISTORY;
  private static final int SUBMITTERS = 4;
  /** A real Temporal server warns about a history of this many events (and refuses one of 51,200). */
  private static final int REAL_SERVER_HISTORY_WARNING = 10_240;

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  private final EchoModel model = new EchoModel();

  @Test
  void continueAsNewCarriesQueueDedupeIdsAndPolicy(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model), ROOMY);
    QueuePolicy patched = kit.sessions.configure(KEY, new QueuePatch(null, null, 5_000, DropPolicy.NEW));
    String firstExecution = kit.currentExecutionRunId(KEY);

    // More turns than one history holds, queued faster than they run, so the queue is carried too.
    List<InboundMessage> sent = messages("a", TURNS_PER_HISTORY + 100);
    List<SubmitResult> accepted = kit.submitAll(sent, SUBMITTERS);
    kit.awaitAllDone(KEY, accepted);
    SessionStart carried = continuedWith(kit, firstExecution);
    RunOutcome finishedBefore = carried.carried().finished().get(carried.carried().finished().size() - 1);
    long callsBeforeRepeat = model.calls();
    SubmitResult repeat = kit.sessions.submit(SessionTestKit.message(KEY, finishedBefore.runId(), "sent again"));
    SubmitResult afterContinuing = kit.submit(KEY, "c-1", "after continuing");
    kit.awaitOutcome(KEY, "c-1");
    System.out.printf("continue-as-new: after %d turns, carrying %d waiting messages and %d finished runs%n",
        carried.carried().acceptedCount() - carried.carried().pending().size(), carried.carried().pending().size(),
        carried.carried().finished().size());

    assertThat(kit.currentExecutionRunId(KEY)).as("the session continued as new").isNotEqualTo(firstExecution);
    assertThat(kit.executionStatus(KEY, firstExecution))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(carried.carried().pending()).as("messages were waiting when it continued").isNotEmpty();
    assertThat(carried.policy()).isEqualTo(patched);
    assertThat(repeat.status()).as("a run finished before continue-as-new is still recognised")
        .isEqualTo(SubmitResult.Status.DONE);
    assertThat(repeat.outcome()).isEqualTo(finishedBefore);
    assertThat(model.calls()).as("the repeat ran nothing").isEqualTo(callsBeforeRepeat + 1);
    assertThat(accepted).extracting(SubmitResult::acceptedSeq).as("acceptance numbers, unique and without gaps")
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
    assertThat(afterContinuing.acceptedSeq()).as("acceptance numbers keep increasing").isEqualTo(sent.size() + 1);
    assertThat(kit.sessions.status(KEY).orElseThrow().policy()).as("the patched policy survived").isEqualTo(patched);
    List<InboundMessage> all = new ArrayList<>(sent);
    all.add(SessionTestKit.message(KEY, "c-1", "after continuing"));
    assertEachAnsweredExactlyOnce(kit, all);
  }

  @Test
  void messagesArrivingDuringContinueAsNewAreNotLost(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) throws Exception {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model), ROOMY);
    InboundMessage first = SessionTestKit.message(KEY, "first", "first message");
    kit.sessions.submit(first);
    String firstExecution = kit.currentExecutionRunId(KEY);

    // Several clients send as fast as they can until the session has continued as new, and a little longer.
    AtomicBoolean continued = new AtomicBoolean();
    ConcurrentLinkedQueue<InboundMessage> sent = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<SubmitResult> answers = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(SUBMITTERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < SUBMITTERS; c++) {
      String prefix = "client" + c + "-";
      running.add(clients.submit(() -> {
        go.await();
        int afterContinuing = 0;
        for (int i = 0; afterContinuing < 10 && i < 2_000; i++) {
          InboundMessage message = SessionTestKit.message(KEY, prefix + i, "message " + i + " of " + prefix);
          sent.add(message);
          answers.add(kit.sessions.submit(message));
          afterContinuing += continued.get() ? 1 : 0;
        }
        return null;
      }));
    }
    go.countDown();
    SessionTestKit.await("the session to continue as new",
        () -> !kit.currentExecutionRunId(KEY).equals(firstExecution));
    continued.set(true);
    for (Future<?> submitter : running) {
      submitter.get(SessionTestKit.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    clients.shutdown();
    List<SubmitResult> results = List.copyOf(answers);
    kit.awaitAllDone(KEY, results);

    SessionStart carried = continuedWith(kit, firstExecution);
    System.out.printf("continue-as-new under load: %d messages sent concurrently, %d carried in the queue%n",
        results.size(), carried.carried().pending().size());
    assertThat(results).as("every concurrent message was accepted")
        .allSatisfy(result -> assertThat(result.status()).isEqualTo(SubmitResult.Status.ACCEPTED));
    assertThat(carried.carried().pending()).as("messages were waiting when the session continued as new")
        .isNotEmpty();
    List<InboundMessage> all = new ArrayList<>(sent);
    all.add(first);
    assertEachAnsweredExactlyOnce(kit, all);
    assertThat(results).extracting(SubmitResult::acceptedSeq)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, all.size()).boxed().toList());
  }

  /**
   * Ten thousand turns through one session, some twenty-five histories each continued into the next; about a
   * minute on two busy cores, so it runs in every build.
   */
  @Test
  void tenThousandTurnSessionStillWorks(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    int turns = 10_000;
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model), ROOMY);
    long startedAt = System.nanoTime();
    List<InboundMessage> sent = new ArrayList<>();
    int batch = 250;
    for (int from = 0; from < turns; from += batch) {
      List<InboundMessage> messages = new ArrayList<>();
      for (int i = from; i < Math.min(turns, from + batch); i++) {
        messages.add(SessionTestKit.message(KEY, "m" + i, "message " + i));
      }
      List<SubmitResult> results = kit.submitAll(messages, SUBMITTERS);
      assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(SubmitResult.Status.ACCEPTED));
      kit.awaitAllDone(KEY, results);
      sent.addAll(messages);
    }
    long tookMs = (System.nanoTime() - startedAt) / 1_000_000;
    System.out.printf("%d turns in one session took %d ms (%.0f turns/s)%n", turns, tookMs, turns * 1000.0 / tookMs);

    SubmitResult last = kit.submit(KEY, "last", "still there?");
    assertThat(last.acceptedSeq()).isEqualTo(turns + 1);
    assertThat(kit.awaitOutcome(KEY, "last").text()).isEqualTo(EchoModel.replyTo("still there?"));
    sent.add(SessionTestKit.message(KEY, "last", "still there?"));
    assertEachAnsweredExactlyOnce(kit, sent);
    assertThat(model.calls()).isEqualTo(turns + 1);
    List<Integer> historySizes = executions(kit).stream().map(history -> history.getEvents().size()).toList();
    System.out.printf("%d histories, events in each: %s%n", historySizes.size(), historySizes);
    assertThat(historySizes.size()).as("histories").isGreaterThanOrEqualTo(turns / TURNS_PER_HISTORY);
    assertThat(historySizes).as("events per history stay under a real server's warning threshold")
        .allMatch(size -> size < REAL_SERVER_HISTORY_WARNING);
  }

  private static List<InboundMessage> messages(String prefix, int count) {
    List<InboundMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add(SessionTestKit.message(KEY, prefix + "-" + i, "message " + prefix + i));
    }
    return messages;
  }

  /**
   * The input {@code execution} handed to the next execution when it continued as new, read from that next
   * execution's start event. (The test server sometimes leaves the closing events out of the old history
   * when the continue-as-new task was retried, so the new history is the reliable record.)
   */
  private static SessionStart continuedWith(SessionTestKit kit, String execution) {
    for (WorkflowExecutionHistory history : executions(kit)) {
      WorkflowExecutionStartedEventAttributes started =
          history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
      if (started.getContinuedExecutionRunId().equals(execution)) {
        return kit.client.getOptions().getDataConverter().fromPayloads(0, Optional.of(started.getInput()),
            SessionStart.class, SessionStart.class);
      }
    }
    throw new AssertionError("execution " + execution + " did not continue as new");
  }

  /** Every execution of the session, oldest first, found by following continue-as-new back from the current one. */
  private static List<WorkflowExecutionHistory> executions(SessionTestKit kit) {
    LinkedList<WorkflowExecutionHistory> executions = new LinkedList<>();
    String execution = kit.currentExecutionRunId(KEY);
    while (!execution.isEmpty()) {
      WorkflowExecutionHistory history = kit.client.fetchHistory(KEY.workflowId(), execution);
      executions.addFirst(history);
      execution = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    }
    return executions;
  }

  /** Each message has exactly one user entry and exactly one reply (to it), and nothing else ran. */
  private static void assertEachAnsweredExactlyOnce(SessionTestKit kit, List<InboundMessage> sent) {
    Map<String, List<String>> byRun = new HashMap<>();
    for (TranscriptEntry entry : kit.transcript(KEY)) {
      byRun.computeIfAbsent(entry.runId(), id -> new ArrayList<>()).add(entry.role() + ": " + entry.text());
    }
    Set<String> sentIds = new HashSet<>();
    for (InboundMessage message : sent) {
      sentIds.add(message.runId());
      assertThat(byRun.get(message.runId())).as("entries of " + message.runId())
          .containsExactly("user: " + message.text(), "assistant: " + EchoModel.replyTo(message.text()));
    }
    assertThat(byRun.keySet()).as("no run that was not sent").isEqualTo(sentIds);
  }
}
