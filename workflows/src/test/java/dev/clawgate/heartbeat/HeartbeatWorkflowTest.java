package dev.clawgate.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.clawgate.session.InMemoryStores;
import dev.clawgate.session.InboundMessage;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.RunState;
import dev.clawgate.session.SessionActivitiesImpl;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import dev.clawgate.session.SessionWorkflowImpl;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.SessionIndex;
import dev.langchain4j.data.message.AiMessage;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats on the test server with time skipping: cadence over simulated days, active hours, ack
 * suppression, no overlap with user runs, live interval changes.
 */
class HeartbeatWorkflowTest {

  private static final SessionKey MAIN = new SessionKey("agent:main:main");
  private static final long HALF_HOUR = Duration.ofMinutes(30).toMillis();

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  private final InMemoryStores stores = new InMemoryStores();
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  private SessionClient start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client,
      ScriptedStreamingModel model) {
    AgentCatalog agents = new AgentCatalog(
        List.of(new AgentDefinition("main", "Main", "test", workspace, null)), "main", "main");
    SessionIndex index = new SessionIndex(stores.sessions());
    worker.registerActivitiesImplementations(
        new ToolActivitiesImpl(agents, stores.transcripts(), events::add),
        new SessionActivitiesImpl(stores.transcripts(), index, events::add));
    env.newWorker(worker.getTaskQueue() + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX).registerActivitiesImplementations(
        new AgentActivitiesImpl(agents, FixedModelProvider.of(model), stores.transcripts(), index, events::add));
    env.start();
    return new SessionClient(client, worker.getTaskQueue(), QueuePolicy.DEFAULTS);
  }

  private static ScriptedStreamingModel always(String reply) {
    return ScriptedStreamingModel.answering(request -> AiMessage.from(reply));
  }

  private static HeartbeatSettings every(long ms, ActiveHours hours, String target) {
    return new HeartbeatSettings(ms, hours, null, target, HeartbeatSettings.DEFAULT_ACK_MAX_CHARS, true);
  }

  private List<HeartbeatReport> reports() {
    return events.stream().filter(e -> e instanceof RunEvent.Heartbeat)
        .map(e -> ((RunEvent.Heartbeat) e).report()).toList();
  }

  private List<RunEvent.Ended> ended() {
    return events.stream().filter(e -> e instanceof RunEvent.Ended).map(e -> (RunEvent.Ended) e).toList();
  }

  @Test
  void heartbeatRunsEveryIntervalOverSimulatedDays(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ScriptedStreamingModel model = always("HEARTBEAT_OK");
    SessionClient sessions = start(env, worker, client, model);

    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofDays(3).plusMinutes(1));

    assertThat(reports()).hasSize(3 * 48);
    assertThat(model.requests()).hasSize(3 * 48);
    for (int i = 1; i < reports().size(); i++) {
      assertThat(reports().get(i).ts() - reports().get(i - 1).ts())
          .as("spacing of heartbeat %d", i).isBetween(HALF_HOUR - 5_000, HALF_HOUR + 5_000);
    }
  }

  @Test
  void heartbeatsStayInsideActiveHoursAcrossATimeZone(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    ActiveHours nineToFiveInNewYork = new ActiveHours("09:00", "17:00", "America/New_York");
    SessionClient sessions = start(env, worker, client, always("HEARTBEAT_OK"));

    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, nineToFiveInNewYork, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofDays(2));

    assertThat(reports()).isNotEmpty().hasSizeBetween(30, 34);
    for (HeartbeatReport report : reports()) {
      LocalTime local = Instant.ofEpochMilli(report.ts()).atZone(ZoneId.of("America/New_York")).toLocalTime();
      assertThat(local).as("heartbeat time in New York").isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
    }
  }

  @Test
  void activeHoursCrossingMidnightAreHonoured() {
    ActiveHours night = new ActiveHours("22:00", "06:00", "Europe/Berlin");
    Instant noonBerlin = Instant.parse("2026-11-24T11:00:00Z");
    Instant lateBerlin = Instant.parse("2026-11-24T22:30:00Z");

    assertThat(night.contains(noonBerlin)).isFalse();
    assertThat(night.contains(lateBerlin)).isTrue();
    assertThat(night.nextAllowed(noonBerlin)).isEqualTo(Instant.parse("2026-11-24T21:00:00Z"));
  }

  @Test
  void ackOnlyReplyIsNeverDelivered(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionClient sessions = start(env, worker, client, always("All quiet. HEARTBEAT_OK"));

    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofHours(2).plusMinutes(1));

    assertThat(reports()).hasSize(4).allSatisfy(r -> assertThat(r.status()).isEqualTo(HeartbeatReport.OK_TOKEN));
    assertThat(ended()).as("no run end is delivered for an ack").isEmpty();
    assertThat(events).noneMatch(e -> e instanceof RunEvent.AssistantDelta || e instanceof RunEvent.Started);
    assertThat(stores.transcripts().readAll(MAIN.value())).allMatch(HeartbeatEntries::hidden);
  }

  @Test
  void realReplyIsDeliveredToTheTargetAndSkippedForNone(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    SessionClient sessions = start(env, worker, client, always("Your 15:00 meeting moved to 16:00."));

    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofMinutes(31));
    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_NONE));
    env.sleep(Duration.ofMinutes(31));

    assertThat(reports()).extracting(HeartbeatReport::status)
        .containsExactly(HeartbeatReport.SENT, HeartbeatReport.SKIPPED);
    assertThat(ended()).singleElement().satisfies(e ->
        assertThat(e.outcome().text()).isEqualTo("Your 15:00 meeting moved to 16:00."));
  }

  @Test
  void heartbeatNeverOverlapsAUserRun(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    Function<dev.langchain4j.model.chat.request.ChatRequest, AiMessage> slow = request -> {
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AiMessage.from("HEARTBEAT_OK");
    };
    ScriptedStreamingModel model = ScriptedStreamingModel.answering(slow);
    SessionClient sessions = start(env, worker, client, model);

    sessions.configureHeartbeat(MAIN, every(60_000, null, HeartbeatSettings.TARGET_LAST));
    for (int i = 0; i < 30; i++) {
      sessions.submit(InboundMessage.message("user-" + i, MAIN, "hello " + i, "chat", i));
      env.sleep(Duration.ofSeconds(20));
    }
    env.sleep(Duration.ofMinutes(2));

    assertThat(reports()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(model.maxConcurrentCalls()).as("model calls of one session at once").isEqualTo(1);
    for (int i = 0; i < 30; i++) {
      assertThat(sessions.runState(MAIN, "user-" + i).phase()).isEqualTo(RunState.DONE);
    }
  }

  @Test
  void changingTheIntervalTakesEffectWithoutRestartingTheSession(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    SessionClient sessions = start(env, worker, client, always("HEARTBEAT_OK"));
    sessions.configureHeartbeat(MAIN, every(Duration.ofHours(1).toMillis(), null, HeartbeatSettings.TARGET_LAST));
    String runIdBefore = currentRunId(client);

    env.sleep(Duration.ofHours(3).plusMinutes(1));
    int beforeChange = reports().size();
    sessions.configureHeartbeat(MAIN, every(Duration.ofMinutes(10).toMillis(), null, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofHours(1).plusMinutes(1));

    assertThat(beforeChange).isEqualTo(3);
    assertThat(reports().size() - beforeChange).isBetween(5, 7);
    assertThat(currentRunId(client)).as("same workflow run").isEqualTo(runIdBefore);
  }

  @Test
  void disablingStopsHeartbeatsAndWakeRunsOneNow(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SessionClient sessions = start(env, worker, client, always("HEARTBEAT_OK"));
    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_LAST).withEnabled(false));

    env.sleep(Duration.ofHours(3));
    assertThat(reports()).isEmpty();

    sessions.wake(MAIN, "new email from the bank");
    env.sleep(Duration.ofMinutes(1));

    assertThat(reports()).hasSize(1);
    assertThat(sessions.lastHeartbeat(MAIN)).hasValueSatisfying(r ->
        assertThat(r.status()).isEqualTo(HeartbeatReport.OK_TOKEN));
    assertThat(stores.transcripts().readAll(MAIN.value()).get(0).text()).contains("new email from the bank");
  }

  @Test
  void heartbeatPromptCarriesHeartbeatMdFromTheWorkspace(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) throws Exception {
    Files.writeString(workspace.resolve("HEARTBEAT.md"), "Check whether the plants need water.");
    ScriptedStreamingModel model = always("HEARTBEAT_OK");
    SessionClient sessions = start(env, worker, client, model);

    sessions.configureHeartbeat(MAIN, every(HALF_HOUR, null, HeartbeatSettings.TARGET_LAST));
    env.sleep(Duration.ofMinutes(31));

    assertThat(ScriptedStreamingModel.lastUserText(model.requests().get(0)))
        .hasValueSatisfying(text -> assertThat(text).contains("HEARTBEAT_OK").contains("plants need water"));
  }

  private static String currentRunId(WorkflowClient client) {
    WorkflowStub stub = client.newUntypedWorkflowStub(MAIN.workflowId());
    WorkflowExecution execution = stub.describe().getExecution();
    return execution.getRunId();
  }
}
