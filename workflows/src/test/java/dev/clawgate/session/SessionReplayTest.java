package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.clawgate.agent.SlowStreamingModel;
import dev.clawgate.transcript.EntryIds;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.assertj.core.api.SoftAssertions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism guard. Histories of representative sessions, recorded from the real workflow, live in
 * {@code src/test/resources/histories/}; every build replays them against the current
 * {@link SessionWorkflowImpl}. A change that would make a running session take a different path on replay
 * (an added, removed or reordered activity, timer or continue-as-new) fails the build here, before it can
 * wedge sessions already running in production. Such a change needs {@code Workflow.getVersion}; see
 * {@code histories/README.md}.
 *
 * <p>The guard was proven to bite, locally, and the probes reverted: with an extra activity call
 * ({@code session.resetSession(...)}) added at the start of {@code runTurn}, the replay failed for all seven
 * histories with {@code NonDeterministicException} ("[TMPRL1100] Command COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK
 * doesn't match event EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ... on check activityType"); with
 * {@code MAX_TURNS_PER_HISTORY} lowered from 500 to 300, {@code continue-as-new.json.gz} failed ("Event 2956
 * of type EVENT_TYPE_ACTIVITY_TASK_SCHEDULED does not match command type
 * COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION"). Unchanged code replays all of them.
 *
 * <p>Run with {@code -Dclawgate.recordHistories=true} to record the histories again (see the README).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  /** The recorded sessions, one file each. */
  enum Recorded {
    PLAIN_TURN("plain-turn", "plain", false),
    TOOL_TURN("tool-turn", "tool", false),
    STEER("steer", "steer", false),
    INTERRUPT("interrupt", "interrupt", false),
    QUEUE_POLICY("queue-policy", "policy", false),
    /** The execution that continued as new (over 4,000 events, so gzipped); it ends with the continue-as-new. */
    CONTINUE_AS_NEW("continue-as-new", "long", true),
    /** The execution it continued into, started with the carried queue. */
    CONTINUED("continued", "long", true);

    final String file;
    final SessionKey key;
    final boolean gzipped;

    Recorded(String name, String session, boolean gzipped) {
      this.file = name + (gzipped ? ".json.gz" : ".json");
      this.key = new SessionKey("agent:main:" + session);
      this.gzipped = gzipped;
    }

    String read() throws IOException {
      try (InputStream in = SessionReplayTest.class.getResourceAsStream("/histories/" + file)) {
        if (in == null) {
          throw new AssertionError("no recorded history " + file + "; record with -Dclawgate.recordHistories=true");
        }
        return new String((gzipped ? new GZIPInputStream(in) : in).readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    void write(Path folder, String json) throws IOException {
      Files.createDirectories(folder);
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      if (gzipped) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
          out.write(bytes);
        }
        bytes = zipped.toByteArray();
      }
      Files.write(folder.resolve(file), bytes);
    }
  }

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setUseTimeskipping(false)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  @Test
  @Order(2)
  void recordedHistoriesReplayWithoutNondeterminism() throws IOException {
    SoftAssertions softly = new SoftAssertions(); // every history that no longer replays is named, not just the first
    for (Recorded recorded : Recorded.values()) {
      String json = recorded.read();
      softly.assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(json, SessionWorkflowImpl.class))
          .as("replaying " + recorded.file).doesNotThrowAnyException();
    }
    softly.assertAll();
  }

  /** Records every history again; runs only with {@code -Dclawgate.recordHistories=true}. */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "clawgate.recordHistories", matches = "true")
  void recordHistories(TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
    Map<String, Gate> gates = new ConcurrentHashMap<>();
    ScriptedStreamingModel answers = ScriptedStreamingModel.answering(request -> {
      String text = ScriptedStreamingModel.lastUserText(request).orElseThrow();
      Gate gate = gates.remove(text);
      if (gate != null) {
        gate.pass();
      }
      boolean newMessage = request.messages().get(request.messages().size() - 1) instanceof UserMessage;
      if (text.startsWith("write ") && newMessage) {
        return AiMessage.from(List.of(ToolExecutionRequest.builder().id("call-1").name("write")
            .arguments("{\"path\":\"note.txt\",\"content\":\"" + text + "\"}").build()));
      }
      return AiMessage.from("reply to " + text);
    });
    SlowStreamingModel model = new SlowStreamingModel(100, 300, answers);
    // A short task queue name, as in production, rather than the extension's (the test's display name).
    Worker sessions = env.newWorker("sessions");
    sessions.registerWorkflowImplementationTypes(SessionWorkflowImpl.class);
    // A roomy cap: the long session queues over a hundred messages at once.
    SessionTestKit kit = SessionTestKit.start(env, sessions, client, workspace, FixedModelProvider.of(model),
        new QueuePolicy(QueueMode.FOLLOWUP, 0, 1_000, DropPolicy.SUMMARIZE));
    // Written to the sources, and to the test classpath so the replay test of this same run reads them.
    Path testClasspath = Path.of(SessionReplayTest.class.getResource("/").toURI());
    List<Path> folders = List.of(HISTORIES, testClasspath.resolve("histories"));

    SessionKey plain = Recorded.PLAIN_TURN.key;
    kit.submit(plain, "plain-1", "hello");
    kit.awaitOutcome(plain, "plain-1");
    write(kit, Recorded.PLAIN_TURN, null, folders);

    SessionKey tool = Recorded.TOOL_TURN.key;
    kit.submit(tool, "tool-1", "write a note");
    assertThat(kit.awaitOutcome(tool, "tool-1").text()).isEqualTo("reply to write a note");
    write(kit, Recorded.TOOL_TURN, null, folders);

    SessionKey steer = Recorded.STEER.key;
    Gate firstStep = new Gate();
    gates.put("write about the weather", firstStep);
    kit.submit(steer, "steer-run", "write about the weather");
    firstStep.awaitEntered();
    kit.sessions.submit(SessionTestKit.message(steer, "steer-1", "and mention rain").withQueueMode(QueueMode.STEER));
    firstStep.open();
    kit.awaitOutcome(steer, "steer-1");
    assertThat(answers.requests()).anyMatch(request -> request.messages().toString().contains("mention rain"));
    write(kit, Recorded.STEER, null, folders);

    SessionKey interrupt = Recorded.INTERRUPT.key;
    kit.submit(interrupt, "slow-1", SlowStreamingModel.MARKER + " a long story");
    SessionTestKit.await("the story to stream", () -> model.emitted() >= 3);
    kit.sessions.submit(SessionTestKit.message(interrupt, "fast-1", "stop").withQueueMode(QueueMode.INTERRUPT));
    kit.awaitOutcome(interrupt, "fast-1");
    SessionTestKit.await("the cancelled model call to report", () -> kit.client.streamHistory(interrupt.workflowId())
        .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED));
    write(kit, Recorded.INTERRUPT, null, folders);

    // Timers (debounce), collect, a configure, an abort of a waiting run and a message dropped at the cap.
    SessionKey policy = Recorded.QUEUE_POLICY.key;
    kit.sessions.configure(policy, new QueuePatch(QueueMode.COLLECT, 300L, 2, DropPolicy.SUMMARIZE));
    Gate held = new Gate();
    gates.put("first", held);
    kit.submit(policy, "q-1", "first");
    held.awaitEntered();
    kit.submit(policy, "q-2", "second");
    kit.submit(policy, "q-3", "third");
    kit.submit(policy, "q-4", "fourth");
    kit.sessions.abort(policy, "q-3");
    held.open();
    kit.awaitOutcome(policy, "q-4");
    write(kit, Recorded.QUEUE_POLICY, null, folders);

    recordContinueAsNew(kit, gates, folders);
  }

  /**
   * Runs turns until the history is near the server's continue-as-new suggestion, then queues a batch behind a
   * held turn, so the session continues as new with messages waiting and no update arriving meanwhile (the
   * test server would then retry the task and, at times, leave the closing events out of the old history).
   */
  private void recordContinueAsNew(SessionTestKit kit, Map<String, Gate> gates, List<Path> folders)
      throws IOException {
    SessionKey key = Recorded.CONTINUE_AS_NEW.key;
    kit.submit(key, "can-0", "start");
    kit.awaitOutcome(key, "can-0");
    String first = kit.currentExecutionRunId(key);
    int sent = 1;
    while (kit.client.newUntypedWorkflowStub(key.workflowId()).describe().getHistoryLength() < 3_600) {
      List<InboundMessage> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++, sent++) {
        batch.add(SessionTestKit.message(key, "can-" + sent, "turn " + sent));
      }
      kit.awaitAllDone(key, kit.submitAll(batch, 4));
    }
    Gate held = new Gate();
    gates.put("held turn", held);
    kit.submit(key, "can-held", "held turn");
    held.awaitEntered();
    List<InboundMessage> batch = new ArrayList<>();
    for (int i = 0; i < 120; i++, sent++) {
      batch.add(SessionTestKit.message(key, "can-" + sent, "turn " + sent));
    }
    List<SubmitResult> queued = kit.submitAll(batch, 4);
    held.open();
    // Watched in the store, not by querying the workflow: nothing but its own turns touches it meanwhile.
    String lastRun = batch.get(batch.size() - 1).runId();
    SessionTestKit.await("the batch to finish",
        () -> kit.stores.transcripts().find(key.value(), EntryIds.assistant(lastRun, 0)).isPresent());
    kit.awaitAllDone(key, queued);

    String next = kit.currentExecutionRunId(key);
    assertThat(next).as("the session continued as new").isNotEqualTo(first);
    WorkflowExecutionHistory old = kit.client.fetchHistory(key.workflowId(), first);
    assertThat(old.getLastEvent().getEventType()).as("the old history is complete; if not, record again")
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(kit.executionStatus(key, first))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    write(kit, Recorded.CONTINUE_AS_NEW, first, folders);
    write(kit, Recorded.CONTINUED, next, folders);
  }

  /** Writes the history of the session's current execution, or of {@code execution} when given. */
  private static void write(SessionTestKit kit, Recorded recorded, String execution, List<Path> folders)
      throws IOException {
    String workflowId = recorded.key.workflowId();
    WorkflowExecutionHistory history = execution == null ? kit.client.fetchHistory(workflowId)
        : kit.client.fetchHistory(workflowId, execution);
    for (Path folder : folders) {
      recorded.write(folder, history.toJson(true));
    }
  }
}
