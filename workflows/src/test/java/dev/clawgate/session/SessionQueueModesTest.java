package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue modes, debounce, cap and drop policies, proven through the session workflow with the real
 * activities (the pure rules are in {@link SessionQueueTest}). A {@link Gate} holds the first run's model
 * call, so each test knows exactly which messages arrived while a run was active.
 *
 * <p>The test server skips time only inside {@code env.sleep}; everything else runs in real time.
 */
class SessionQueueModesTest {

  private static final SessionKey KEY = new SessionKey("agent:main:main");

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  /** Model calls whose newest user message has a gate here wait at it; all answer "reply to <text>". */
  private final Map<String, Gate> gates = new ConcurrentHashMap<>();
  private final ScriptedStreamingModel model = ScriptedStreamingModel.answering(request -> {
    String text = ScriptedStreamingModel.lastUserText(request).orElseThrow();
    Gate gate = gates.get(text);
    if (gate != null) {
      gate.pass();
    }
    return AiMessage.from("reply to " + text);
  });

  @Test
  void steerMessageReachesTheModelAtTheNextStep(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    Gate firstStep = new Gate();
    ScriptedStreamingModel steered = ScriptedStreamingModel.replying("Saved, and cats are mentioned.").then(request -> {
      firstStep.pass();
      return AiMessage.from(List.of(ToolExecutionRequest.builder()
          .id("call_1").name("write").arguments("{\"path\":\"note.txt\",\"content\":\"hi\"}").build()));
    });
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(steered));
    kit.submit(KEY, "run-1", "write a note");
    firstStep.awaitEntered();
    SubmitResult steer = kit.sessions.submit(
        SessionTestKit.message(KEY, "steer-1", "also mention cats").withQueueMode(QueueMode.STEER));
    firstStep.open();
    RunOutcome run = kit.awaitOutcome(KEY, "run-1");
    RunOutcome steerOutcome = kit.awaitOutcome(KEY, "steer-1");

    assertThat(steer.status()).isEqualTo(SubmitResult.Status.ACCEPTED);
    assertThat(run.status()).isEqualTo(RunOutcome.OK);
    assertThat(steerOutcome).as("the steer message is answered by the run it steered").isEqualTo(run.forRun("steer-1"));
    assertThat(steered.requests()).as("one model call per step, no separate turn").hasSize(2);
    assertThat(steered.requests().get(0).messages()).doesNotContain(UserMessage.from("also mention cats"));
    List<ChatMessage> secondStep = steered.requests().get(1).messages();
    assertThat(secondStep).as("the steer follows the tool result, in the same run")
        .last().isEqualTo(UserMessage.from("also mention cats"));
    assertThat(secondStep.get(secondStep.size() - 2)).isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(Files.readString(workspace.resolve("note.txt"))).isEqualTo("hi");
    assertThat(kit.transcript(KEY)).filteredOn(entry -> TranscriptEntry.MESSAGE.equals(entry.type()))
        .extracting(entry -> entry.role() + " " + entry.runId()).containsExactly(
        "user run-1", "assistant run-1", "toolResult run-1", "user steer-1", "assistant run-1");
    assertThat(kit.events()).filteredOn(RunEvent.Started.class::isInstance).extracting(RunEvent::runId)
        .containsExactly("run-1");
  }

  @Test
  void collectModeMakesQueuedMessagesOneTurn(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model),
        new QueuePolicy(QueueMode.COLLECT, 0, QueuePolicy.DEFAULT_CAP, DropPolicy.SUMMARIZE));
    holdFirstAndQueue(kit, "one", "two", "three", "four");

    RunOutcome collected = kit.awaitOutcome(KEY, "run-two");

    assertThat(kit.awaitOutcome(KEY, "run-one").text()).isEqualTo("reply to one");
    assertThat(collected.text()).isEqualTo("reply to four");
    assertThat(kit.awaitOutcome(KEY, "run-three")).isEqualTo(collected.forRun("run-three"));
    assertThat(kit.awaitOutcome(KEY, "run-four")).isEqualTo(collected.forRun("run-four"));
    assertThat(model.requests()).as("two turns: the first message, then the three that queued").hasSize(2);
    assertThat(model.requests().get(1).messages()).containsExactly(SystemMessage.from(SessionTestKit.SYSTEM_PROMPT),
        UserMessage.from("one"), AiMessage.from("reply to one"),
        UserMessage.from("two"), UserMessage.from("three"), UserMessage.from("four"));
    assertThat(texts(kit)).containsExactly("user: one", "assistant: reply to one",
        "user: two", "user: three", "user: four", "assistant: reply to four");
  }

  @Test
  void followupRunsEachMessageAsItsOwnTurn(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model));
    holdFirstAndQueue(kit, "one", "two", "three", "four");

    for (String text : List.of("one", "two", "three", "four")) {
      RunOutcome outcome = kit.awaitOutcome(KEY, "run-" + text);
      assertThat(outcome.status()).isEqualTo(RunOutcome.OK);
      assertThat(outcome.text()).isEqualTo("reply to " + text);
    }
    assertThat(model.calls()).containsExactly("start one", "end one", "start two", "end two",
        "start three", "end three", "start four", "end four");
    assertThat(texts(kit)).containsExactly("user: one", "assistant: reply to one", "user: two",
        "assistant: reply to two", "user: three", "assistant: reply to three", "user: four",
        "assistant: reply to four");
  }

  @Test
  void debounceWaitsForQuietBeforeStarting(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    long debounceMs = 5_000;
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model),
        new QueuePolicy(QueueMode.COLLECT, debounceMs, QueuePolicy.DEFAULT_CAP, DropPolicy.SUMMARIZE));

    kit.submit(KEY, "run-1", "first thought");
    env.sleep(Duration.ofSeconds(3));
    SessionStatus afterThreeSeconds = kit.sessions.status(KEY).orElseThrow();
    long secondAcceptedNoEarlierThan = env.currentTimeMillis();
    kit.submit(KEY, "run-2", "second thought");
    env.sleep(Duration.ofSeconds(3));
    SessionStatus threeSecondsAfterTheSecond = kit.sessions.status(KEY).orElseThrow();
    env.sleep(Duration.ofSeconds(3));
    RunOutcome outcome = kit.awaitOutcome(KEY, "run-1");

    assertThat(afterThreeSeconds.activeRunId()).as("3 s of quiet is not enough").isNull();
    assertThat(afterThreeSeconds.pendingRunIds()).containsExactly("run-1");
    assertThat(threeSecondsAfterTheSecond.activeRunId()).as("the second message restarted the quiet period")
        .isNull();
    assertThat(threeSecondsAfterTheSecond.pendingRunIds()).containsExactly("run-1", "run-2");
    assertThat(outcome.startedAtMs() - secondAcceptedNoEarlierThan).as("ms of quiet before the run started")
        .isGreaterThanOrEqualTo(debounceMs);
    assertThat(kit.awaitOutcome(KEY, "run-2")).isEqualTo(outcome.forRun("run-2"));
    assertThat(model.requests()).as("the burst became one turn").hasSize(1);
    assertThat(model.requests().get(0).messages()).endsWith(
        UserMessage.from("first thought"), UserMessage.from("second thought"));
  }

  @Test
  void capWithDropNewRefusesAndSaysWhy(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model),
        new QueuePolicy(QueueMode.FOLLOWUP, 0, 1, DropPolicy.NEW));
    List<SubmitResult> results = holdFirstAndQueue(kit, "one", "two", "three");

    assertThat(results.get(0).status()).isEqualTo(SubmitResult.Status.ACCEPTED);
    SubmitResult refused = results.get(1);
    assertThat(refused.status()).isEqualTo(SubmitResult.Status.DROPPED);
    assertThat(refused.runId()).isEqualTo("run-three");
    assertThat(refused.outcome().status()).isEqualTo(RunOutcome.DROPPED);
    assertThat(refused.outcome().error()).isEqualTo("dropped: the session's queue is full (1 waiting)");
    assertThat(kit.awaitOutcome(KEY, "run-one").ok()).isTrue();
    assertThat(kit.awaitOutcome(KEY, "run-two").ok()).isTrue();
    assertThat(model.calls()).containsExactly("start one", "end one", "start two", "end two");
    assertThat(kit.entriesOf(KEY, "run-three")).as("a refused message is never run").isEmpty();
  }

  @Test
  void dropSummarizeTellsTheNextTurn(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model),
        new QueuePolicy(QueueMode.FOLLOWUP, 0, 1, DropPolicy.SUMMARIZE));
    List<SubmitResult> results = holdFirstAndQueue(kit, "one", "please buy milk", "what's the weather?");
    RunOutcome droppedOutcome = kit.awaitOutcome(KEY, runId("please buy milk"));
    RunOutcome next = kit.awaitOutcome(KEY, runId("what's the weather?"));

    assertThat(results).extracting(SubmitResult::status)
        .containsExactly(SubmitResult.Status.ACCEPTED, SubmitResult.Status.ACCEPTED);
    assertThat(droppedOutcome.status()).isEqualTo(RunOutcome.DROPPED);
    assertThat(droppedOutcome.error()).isEqualTo(
        "dropped: the session's queue is full (1 waiting); a note of it goes to the next turn");
    assertThat(next.ok()).isTrue();
    assertThat(model.requests()).hasSize(2);
    assertThat(model.requests().get(1).messages()).last().isEqualTo(UserMessage.from(
        "[1 earlier message(s) were dropped because the queue was full: please buy milk]\n\nwhat's the weather?"));
    assertThat(kit.entriesOf(KEY, runId("please buy milk"))).as("the dropped message never ran").isEmpty();
  }

  @Test
  void configureChangesThePolicyForLaterMessages(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model));
    holdFirstAndQueue(kit, "one", "two", "three");
    kit.awaitOutcome(KEY, "run-three");

    QueuePolicy patched = kit.sessions.configure(KEY, new QueuePatch(QueueMode.COLLECT, null, null, null));
    holdFirstAndQueue(kit, "five", "six", "seven");
    RunOutcome collected = kit.awaitOutcome(KEY, "run-six");

    assertThat(patched).isEqualTo(new QueuePolicy(QueueMode.COLLECT, 0, QueuePolicy.DEFAULT_CAP,
        DropPolicy.SUMMARIZE));
    assertThat(kit.sessions.status(KEY).orElseThrow().policy()).isEqualTo(patched);
    assertThat(kit.awaitOutcome(KEY, "run-seven")).isEqualTo(collected.forRun("run-seven"));
    assertThat(model.calls()).as("followup before the patch, collect after").containsExactly(
        "start one", "end one", "start two", "end two", "start three", "end three",
        "start five", "end five", "start seven", "end seven");
  }

  /**
   * Submits the first message (run id {@code run-<text>}, spaces as dashes) and holds its model call, queues
   * the others behind it, then lets the first run go on.
   *
   * @return the answers to the queued messages, in order
   */
  private List<SubmitResult> holdFirstAndQueue(SessionTestKit kit, String first, String... queued) {
    Gate gate = new Gate();
    gates.put(first, gate);
    kit.submit(KEY, runId(first), first);
    gate.awaitEntered();
    List<SubmitResult> results = new ArrayList<>();
    for (String text : queued) {
      results.add(kit.submit(KEY, runId(text), text));
    }
    gate.open();
    return results;
  }

  private static String runId(String text) {
    return "run-" + text.replace(' ', '-');
  }

  private static List<String> texts(SessionTestKit kit) {
    return kit.transcript(KEY).stream().map(entry -> entry.role() + ": " + entry.text()).toList();
  }
}
