package dev.clawgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.langchain4j.data.message.AiMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cap on runs executing at once across sessions ({@code agents.maxConcurrent}) is the model worker's
 * activity slot count: model steps of every session share the {@code -model} task queue.
 */
class SessionConcurrencyTest {

  private static final int CAP = 2;
  private static final int SESSIONS = 6;
  private static final int MESSAGES_PER_SESSION = 2;

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  @Test
  void concurrencyCapLimitsModelStepsAcrossSessionsWithoutStarvation(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    Gate allSubmitted = new Gate();
    ScriptedStreamingModel model = ScriptedStreamingModel.answering(request -> {
      allSubmitted.pass(); // so the cap is reached however slowly the messages arrive
      SessionTestKit.pause(100);
      return AiMessage.from("reply to " + ScriptedStreamingModel.lastUserText(request).orElseThrow());
    });
    SessionTestKit kit = SessionTestKit.start(env, worker, client, workspace, FixedModelProvider.of(model),
        QueuePolicy.DEFAULTS, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(CAP).build());

    long startedAt = System.nanoTime();
    List<SessionKey> keys = new ArrayList<>();
    for (int s = 1; s <= SESSIONS; s++) {
      keys.add(new SessionKey("agent:main:s" + s));
    }
    for (int m = 1; m <= MESSAGES_PER_SESSION; m++) {
      for (SessionKey key : keys) {
        SubmitResult submitted = kit.submit(key, key.value() + "-m" + m, "message " + m + " of " + key.value());
        assertThat(submitted.status()).isEqualTo(SubmitResult.Status.ACCEPTED);
      }
    }

    allSubmitted.open();

    for (SessionKey key : keys) {
      for (int m = 1; m <= MESSAGES_PER_SESSION; m++) {
        RunOutcome outcome = kit.awaitOutcome(key, key.value() + "-m" + m);
        assertThat(outcome.status()).as("every run of every session finishes").isEqualTo(RunOutcome.OK);
        assertThat(outcome.text()).isEqualTo("reply to message " + m + " of " + key.value());
      }
    }
    System.out.printf("concurrency: %d runs in %d sessions with %d model slots took %d ms%n",
        SESSIONS * MESSAGES_PER_SESSION, SESSIONS, CAP, (System.nanoTime() - startedAt) / 1_000_000);
    assertThat(model.maxConcurrentCalls()).as("model calls at once across %d sessions", SESSIONS).isEqualTo(CAP);
    assertThat(model.calls()).filteredOn(call -> call.startsWith("end ")).hasSize(SESSIONS * MESSAGES_PER_SESSION);
  }
}
