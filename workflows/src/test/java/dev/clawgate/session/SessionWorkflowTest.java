package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.clawgate.agent.AgentActivities;
import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.agent.ModelStepRequest;
import dev.clawgate.agent.ModelStepResult;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.EntryIds;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session workflow end to end on Temporal's test server, with the real activities, in-memory stores and
 * a test model.
 */
class SessionWorkflowTest {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  private static final SessionKey KEY = new SessionKey("agent:main:main");
  private static final String SYSTEM_PROMPT = "You are a test assistant.";

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  private final InMemoryStores stores = new InMemoryStores();
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void runsOneTurnAtATimeInAcceptanceOrder(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ScriptedStreamingModel model = ScriptedStreamingModel.answering(request -> {
      pause(25); // a slow model widens the window in which overlapping runs would show
      return AiMessage.from("reply to " + ScriptedStreamingModel.lastUserText(request).orElseThrow());
    });
    SessionClient sessions = start(env, worker, client, FixedModelProvider.of(model));
    List<String> runIds = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String runId = "run-" + i;
      runIds.add(runId);
      texts.add("message " + i);
      SubmitResult submitted = sessions.submit(InboundMessage.message(runId, KEY, "message " + i, "agent", i));
      assertThat(submitted.status()).isEqualTo(SubmitResult.Status.ACCEPTED);
    }

    for (String runId : runIds) {
      assertThat(awaitOutcome(sessions, runId).status()).isEqualTo(RunOutcome.OK);
    }

    assertThat(model.maxConcurrentCalls()).isEqualTo(1);
    List<String> expectedCalls = new ArrayList<>();
    for (String text : texts) {
      expectedCalls.add("start " + text);
      expectedCalls.add("end " + text);
    }
    assertThat(model.calls()).containsExactlyElementsOf(expectedCalls);

    List<String> lifecycle = new ArrayList<>();
    for (RunEvent event : events) {
      if (event instanceof RunEvent.Started || event instanceof RunEvent.Ended) {
        lifecycle.add(event.getClass().getSimpleName() + " " + event.runId());
      }
    }
    List<String> expectedLifecycle = new ArrayList<>();
    for (String runId : runIds) {
      expectedLifecycle.add("Started " + runId);
      expectedLifecycle.add("Ended " + runId);
    }
    assertThat(lifecycle).as("runs never overlap").containsExactlyElementsOf(expectedLifecycle);

    List<String> transcript = new ArrayList<>();
    for (TranscriptEntry entry : stores.transcripts().readAll(KEY.value())) {
      transcript.add(entry.role() + ": " + entry.text());
    }
    List<String> expectedTranscript = new ArrayList<>();
    for (String text : texts) {
      expectedTranscript.add("user: " + text);
      expectedTranscript.add("assistant: reply to " + text);
    }
    assertThat(transcript).containsExactlyElementsOf(expectedTranscript);
  }

  @Test
  void activityFailureIsRetriedAndTranscriptHasEachEntryOnce(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    ScriptedStreamingModel model = ScriptedStreamingModel.replying("fine now").thenFail("provider overloaded");
    SessionClient sessions = start(env, worker, client, FixedModelProvider.of(model));

    sessions.submit(InboundMessage.message("run-1", KEY, "hello", "agent", 1));
    RunOutcome outcome = awaitOutcome(sessions, "run-1");

    assertThat(outcome.status()).isEqualTo(RunOutcome.OK);
    assertThat(outcome.text()).isEqualTo("fine now");
    assertThat(model.calls()).as("the first model call failed and was retried")
        .containsExactly("start hello", "fail hello", "start hello", "end hello");
    List<TranscriptEntry> transcript = stores.transcripts().readAll(KEY.value());
    assertThat(transcript).extracting(TranscriptEntry::id)
        .containsExactly(EntryIds.user("run-1"), EntryIds.assistant("run-1", 0))
        .doesNotHaveDuplicates();
    assertThat(transcript).extracting(TranscriptEntry::role)
        .containsExactly(TranscriptEntry.USER, TranscriptEntry.ASSISTANT);
    assertThat(model.requests().get(1).messages()).as("the retry sees the user's message once")
        .filteredOn(UserMessage.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(RunEvent.Started.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(RunEvent.Ended.class::isInstance).hasSize(1);
  }

  @Test
  void repeatedIdempotencyKeyRunsOnce(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    AtomicInteger modelCalls = new AtomicInteger();
    SessionClient sessions = start(env, worker, client, FixedModelProvider.eachCall(() -> {
      modelCalls.incrementAndGet();
      return StreamingChatModelMock.thatAlwaysStreams("hi", " there");
    }));
    InboundMessage message = InboundMessage.message("run-1", KEY, "hello", "agent", 1);
    // A client's retry carries the same idempotency key but is a new submission, made later.
    InboundMessage retry = InboundMessage.message("run-1", KEY, "hello", "agent", 2);

    SubmitResult first = sessions.submit(message);
    SubmitResult whileQueuedOrRunning = sessions.submit(retry);
    RunOutcome outcome = awaitOutcome(sessions, "run-1");
    SubmitResult afterFinishing = sessions.submit(retry);

    assertThat(first.status()).isEqualTo(SubmitResult.Status.ACCEPTED);
    assertThat(whileQueuedOrRunning.status()).isIn(SubmitResult.Status.IN_FLIGHT, SubmitResult.Status.DONE);
    assertThat(afterFinishing.status()).isEqualTo(SubmitResult.Status.DONE);
    assertThat(afterFinishing.outcome()).isEqualTo(outcome);
    assertThat(outcome.status()).isEqualTo(RunOutcome.OK);
    assertThat(outcome.text()).isEqualTo("hi there");
    assertThat(awaitOutcome(sessions, "run-1")).as("the recorded outcome does not change").isEqualTo(outcome);
    assertThat(modelCalls).hasValue(1);
    assertThat(stores.transcripts().readAll(KEY.value()))
        .filteredOn(entry -> entry.isMessage(TranscriptEntry.USER)).hasSize(1);
    assertThat(stores.transcripts().readAll(KEY.value()))
        .filteredOn(entry -> entry.isMessage(TranscriptEntry.ASSISTANT)).hasSize(1);
    assertThat(sessions.status(KEY)).hasValueSatisfying(status -> {
      assertThat(status.activeRunId()).isNull();
      assertThat(status.pendingRunIds()).isEmpty();
    });
  }

  @Test
  void repeatOfAMessageCarriedOverContinueAsNewGetsItsOutcomeOnceFinished(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedStreamingModel model = ScriptedStreamingModel.answering(request -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AiMessage.from("done");
    });
    SessionClient sessions = start(env, worker, client, FixedModelProvider.of(model));
    // What continue-as-new leaves behind: a message the previous run accepted, carried over still waiting, so
    // this run knows its id only from its queue, not from an update of its own.
    InboundMessage carried = InboundMessage.message("run-1", KEY, "hello", "agent", 1);
    SessionWorkflow session = client.newWorkflowStub(SessionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(KEY.workflowId()).setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(session::run, new SessionStart(KEY.value(), QueuePolicy.DEFAULTS, null, 0, null,
        new SessionQueue.Snapshot(List.of(carried), List.of(), 1, List.of())));
    InboundMessage retry = InboundMessage.message("run-1", KEY, "hello", "agent", 2);

    SubmitResult whileRunning = sessions.submit(retry);
    release.countDown();
    RunOutcome outcome = awaitOutcome(sessions, "run-1");
    SubmitResult afterFinishing = sessions.submit(retry);

    assertThat(whileRunning.status()).isEqualTo(SubmitResult.Status.IN_FLIGHT);
    assertThat(outcome.text()).isEqualTo("done");
    assertThat(afterFinishing.status()).as("the server remembers the first repeat's answer; the client must not")
        .isEqualTo(SubmitResult.Status.DONE);
    assertThat(afterFinishing.outcome()).isEqualTo(outcome);
  }

  @Test
  void toolCallWritesFileInWorkspace(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    ScriptedStreamingModel model = ScriptedStreamingModel.replying("Saved your note.")
        .thenCallTool("call_1", "write", "{\"path\":\"notes/a.txt\",\"content\":\"hi\"}");
    SessionClient sessions = start(env, worker, client, FixedModelProvider.of(model));

    sessions.submit(InboundMessage.message("run-1", KEY, "note 'hi' please", "agent", 1));
    RunOutcome outcome = awaitOutcome(sessions, "run-1");

    assertThat(outcome.status()).isEqualTo(RunOutcome.OK);
    assertThat(outcome.text()).isEqualTo("Saved your note.");
    assertThat(Files.readString(workspace.resolve("notes/a.txt"))).isEqualTo("hi");

    // The tool call's started mark (what keeps it at most once) is not a message; the messages are:
    List<TranscriptEntry> transcript = stores.transcripts().readAll(KEY.value()).stream()
        .filter(entry -> TranscriptEntry.MESSAGE.equals(entry.type())).toList();
    assertThat(transcript).extracting(TranscriptEntry::role).containsExactly(
        TranscriptEntry.USER, TranscriptEntry.ASSISTANT, TranscriptEntry.TOOL_RESULT, TranscriptEntry.ASSISTANT);
    assertThat(transcript.get(1).stopReason()).isEqualTo("toolUse");
    assertThat(transcript.get(1).toolCalls())
        .containsExactly(new ToolCall("call_1", "write", "{\"path\":\"notes/a.txt\",\"content\":\"hi\"}"));
    assertThat(transcript.get(2).toolCallId()).isEqualTo("call_1");
    assertThat(transcript.get(2).toolName()).isEqualTo("write");
    assertThat(transcript.get(2).isError()).isFalse();
    assertThat(transcript.get(3).stopReason()).isEqualTo("stop");
    assertThat(transcript.get(3).text()).isEqualTo("Saved your note.");
    List<TranscriptEntry> everything = stores.transcripts().readAll(KEY.value());
    for (int i = 1; i < everything.size(); i++) {
      assertThat(everything.get(i).parentId()).isEqualTo(everything.get(i - 1).id());
    }

    List<ChatMessage> secondCall = model.requests().get(1).messages();
    assertThat(secondCall).last().isInstanceOfSatisfying(ToolExecutionResultMessage.class, result -> {
      assertThat(result.id()).isEqualTo("call_1");
      assertThat(result.toolName()).isEqualTo("write");
    });
    assertThat(events).filteredOn(RunEvent.ToolFinished.class::isInstance).hasSize(1);
  }

  @Test
  void missingModelEndsRunWithClearError(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionClient sessions = start(env, worker, client, FixedModelProvider.none());

    sessions.submit(InboundMessage.message("run-1", KEY, "hello", "agent", 1));
    RunOutcome outcome = awaitOutcome(sessions, "run-1");

    assertThat(outcome.status()).isEqualTo(RunOutcome.ERROR);
    assertThat(outcome.error()).contains("CLAWGATE_MODEL");
    List<TranscriptEntry> transcript = stores.transcripts().readAll(KEY.value());
    assertThat(transcript).extracting(TranscriptEntry::id)
        .containsExactly(EntryIds.user("run-1"), EntryIds.failure("run-1"));
    TranscriptEntry closing = transcript.get(1);
    assertThat(closing.role()).isEqualTo(TranscriptEntry.ASSISTANT);
    assertThat(closing.isError()).isTrue();
    assertThat(closing.stopReason()).isEqualTo(RunOutcome.ERROR);
    assertThat(closing.text()).contains("CLAWGATE_MODEL");
    assertThat(events).filteredOn(RunEvent.Ended.class::isInstance).singleElement()
        .satisfies(ended -> assertThat(((RunEvent.Ended) ended).outcome()).isEqualTo(outcome));
  }

  @Test
  void finalReplyRecordedByAStepWhoseCompletionWasLostIsTheRunsOutcome(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    // Every attempt records the reply, then dies before reporting it (as a worker killed at that moment would),
    // until the retries run out: the run still ended with that reply, and has no second, failed closing entry.
    AtomicInteger attempts = new AtomicInteger();
    AgentActivities recordsThenDies = new AgentActivities() {
      @Override
      public ModelStepResult modelStep(ModelStepRequest request) {
        attempts.incrementAndGet();
        stores.transcripts().append(KEY.value(), TranscriptEntry.user(request.runId(), "hello", 1));
        stores.transcripts().append(KEY.value(),
            TranscriptEntry.assistant(request.runId(), request.step(), "the answer", null, "stop", 3, 4, 2));
        throw ApplicationFailure.newFailure("worker died before reporting", "Crash");
      }
    };
    SessionClient sessions = start(env, worker, client, recordsThenDies);

    sessions.submit(InboundMessage.message("run-1", KEY, "hello", "agent", 1));
    RunOutcome outcome = awaitOutcome(sessions, "run-1");

    assertThat(attempts.get()).as("the model step's retries ran out").isGreaterThan(1);
    assertThat(outcome.status()).isEqualTo(RunOutcome.OK);
    assertThat(outcome.text()).isEqualTo("the answer");
    assertThat(outcome.outputTokens()).isEqualTo(4);
    assertThat(stores.transcripts().readAll(KEY.value())).extracting(TranscriptEntry::id)
        .containsExactly(EntryIds.user("run-1"), EntryIds.assistant("run-1", 0));
    assertThat(events).filteredOn(RunEvent.Ended.class::isInstance).singleElement()
        .satisfies(ended -> assertThat(((RunEvent.Ended) ended).outcome()).isEqualTo(outcome));
  }

  @Test
  void resetHidesEarlierContext(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ScriptedStreamingModel model = ScriptedStreamingModel.replying("noted");
    SessionClient sessions = start(env, worker, client, FixedModelProvider.of(model));

    sessions.submit(InboundMessage.message("run-1", KEY, "my favourite fruit is apples", "agent", 1));
    sessions.submit(InboundMessage.reset("reset-1", KEY, 2));
    sessions.submit(InboundMessage.message("run-2", KEY, "what is my favourite fruit?", "agent", 3));
    assertThat(awaitOutcome(sessions, "run-1").ok()).isTrue();
    assertThat(awaitOutcome(sessions, "reset-1").ok()).isTrue();
    assertThat(awaitOutcome(sessions, "run-2").ok()).isTrue();

    assertThat(stores.transcripts().readCurrent(KEY.value()))
        .extracting(TranscriptEntry::runId).containsOnly("run-2").hasSize(2);
    assertThat(stores.transcripts().readAll(KEY.value()))
        .extracting(TranscriptEntry::type).contains(TranscriptEntry.RESET);

    List<ChatRequest> requests = model.requests();
    assertThat(requests).hasSize(2);
    List<ChatMessage> afterReset = requests.get(1).messages();
    assertThat(afterReset).hasSize(2);
    assertThat(afterReset.get(0)).isEqualTo(SystemMessage.from(SYSTEM_PROMPT));
    assertThat(afterReset.get(1)).isEqualTo(UserMessage.from("what is my favourite fruit?"));
    assertThat(afterReset.toString()).doesNotContain("apples");
  }

  private SessionClient start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client,
      ModelProvider models) {
    return start(env, worker, client, new AgentActivitiesImpl(agents(), models, stores.transcripts(),
        new SessionIndex(stores.sessions()), events::add));
  }

  private SessionClient start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client,
      AgentActivities agent) {
    AgentCatalog agents = agents();
    SessionIndex index = new SessionIndex(stores.sessions());
    worker.registerActivitiesImplementations(
        new ToolActivitiesImpl(agents, stores.transcripts(), events::add),
        new SessionActivitiesImpl(stores.transcripts(), index, events::add));
    env.newWorker(worker.getTaskQueue() + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX)
        .registerActivitiesImplementations(agent);
    env.start();
    return new SessionClient(client, worker.getTaskQueue(), QueuePolicy.DEFAULTS);
  }

  private AgentCatalog agents() {
    return new AgentCatalog(
        List.of(new AgentDefinition("main", "Main", SYSTEM_PROMPT, workspace, null)), "main", "main");
  }

  private static RunOutcome awaitOutcome(SessionClient sessions, String runId) {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    RunState state = sessions.runState(KEY, runId);
    while (!state.isDone()) {
      if (System.nanoTime() > deadline) {
        fail("run " + runId + " did not finish within " + RUN_TIMEOUT + "; last state " + state);
      }
      pause(20);
      state = sessions.runState(KEY, runId);
    }
    return state.outcome();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
