package dev.clawgate.session;

import static org.assertj.core.api.Assertions.fail;

import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.TranscriptEntry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Wires real session workers the way the gateway does (workflow, session and tool activities on the session
 * task queue, the model step on its own {@code -model} queue) around in-memory stores and a test model, for
 * tests that drive sessions through {@link SessionClient}.
 */
final class SessionTestKit {

  static final String SYSTEM_PROMPT = "You are a test assistant.";
  /** How long any single wait in these tests may take before the test fails. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long one submission may take: longer than the SDK's own retries of a failing call (a minute) plus
   * SessionClient's retry as a new request, so a transient server error shows as the retry it is.
   */
  static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(150);

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final InMemoryStores stores = new InMemoryStores();
  /** Every run event published, in order; a queue, so tens of thousands of turns stay cheap. */
  final Queue<RunEvent> events = new ConcurrentLinkedQueue<>();
  final SessionClient sessions;

  private SessionTestKit(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Path workspace,
      ModelProvider models, QueuePolicy policy, WorkerOptions modelWorkerOptions) {
    this.env = env;
    this.client = client;
    AgentCatalog agents = new AgentCatalog(
        List.of(new AgentDefinition("main", "Main", SYSTEM_PROMPT, workspace, null)), "main", "main");
    SessionIndex index = new SessionIndex(stores.sessions());
    worker.registerActivitiesImplementations(
        new ToolActivitiesImpl(agents, stores.transcripts(), events::add),
        new SessionActivitiesImpl(stores.transcripts(), index, events::add));
    env.newWorker(worker.getTaskQueue() + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX, modelWorkerOptions)
        .registerActivitiesImplementations(
            new AgentActivitiesImpl(agents, models, stores.transcripts(), index, events::add));
    env.start();
    this.sessions = new SessionClient(client, worker.getTaskQueue(), policy);
  }

  static SessionTestKit start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Path workspace,
      ModelProvider models) {
    return start(env, worker, client, workspace, models, QueuePolicy.DEFAULTS);
  }

  static SessionTestKit start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Path workspace,
      ModelProvider models, QueuePolicy policy) {
    return start(env, worker, client, workspace, models, policy, ModelWorkerOptions.of(200));
  }

  static SessionTestKit start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Path workspace,
      ModelProvider models, QueuePolicy policy, WorkerOptions modelWorkerOptions) {
    return new SessionTestKit(env, worker, client, workspace, models, policy, modelWorkerOptions);
  }

  static InboundMessage message(SessionKey key, String runId, String text) {
    return InboundMessage.message(runId, key, text, "chat", System.currentTimeMillis());
  }

  SubmitResult submit(SessionKey key, String runId, String text) {
    return sessions.submit(message(key, runId, text));
  }

  /**
   * Submits the messages from {@code threads} threads at once, as concurrent clients would, and returns each
   * message's answer in the order of {@code messages}.
   */
  List<SubmitResult> submitAll(List<InboundMessage> messages, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SubmitResult>> answers = new ArrayList<>(messages.size());
      for (InboundMessage message : messages) {
        answers.add(pool.submit(() -> sessions.submit(message)));
      }
      List<SubmitResult> results = new ArrayList<>(messages.size());
      for (Future<SubmitResult> answer : answers) {
        results.add(answer.get(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a submission failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until every accepted run has finished: runs start in acceptance order, so the last accepted ends last. */
  void awaitAllDone(SessionKey key, List<SubmitResult> results) {
    SubmitResult last = null;
    for (SubmitResult result : results) {
      boolean accepted = result.status() == SubmitResult.Status.ACCEPTED;
      if (accepted && (last == null || result.acceptedSeq() > last.acceptedSeq())) {
        last = result;
      }
    }
    if (last != null) {
      awaitOutcome(key, last.runId());
    }
  }

  /** Polls the session until {@code runId} is done and returns how it ended. */
  RunOutcome awaitOutcome(SessionKey key, String runId) {
    RunState[] last = new RunState[1];
    await("run " + runId + " to finish", () -> {
      last[0] = sessions.runState(key, runId);
      return last[0].isDone();
    });
    return last[0].outcome();
  }

  List<TranscriptEntry> transcript(SessionKey key) {
    return stores.transcripts().readAll(key.value());
  }

  /** The entries one run wrote, in transcript order. */
  List<TranscriptEntry> entriesOf(SessionKey key, String runId) {
    List<TranscriptEntry> entries = new ArrayList<>();
    for (TranscriptEntry entry : transcript(key)) {
      if (runId.equals(entry.runId())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  List<RunEvent> events() {
    return List.copyOf(events);
  }

  /** The run id of the session workflow's current execution: it changes when the session continues as new. */
  String currentExecutionRunId(SessionKey key) {
    return client.newUntypedWorkflowStub(key.workflowId()).describe().getExecution().getRunId();
  }

  /** Whether the given execution of the session is running, continued as new, or ended otherwise. */
  WorkflowExecutionStatus executionStatus(SessionKey key, String executionRunId) {
    WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(key.workflowId())
        .setRunId(executionRunId).build();
    return client.newUntypedWorkflowStub(execution, Optional.empty()).describe().getStatus();
  }

  /** Polls {@code condition} every 10 ms until it holds; fails the test after {@link #TIMEOUT}. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + TIMEOUT + " waiting for " + what);
      }
      pause(10);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
