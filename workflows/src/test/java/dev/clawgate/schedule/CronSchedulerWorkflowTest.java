package dev.clawgate.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.FixedModelProvider;
import dev.clawgate.agent.ScriptedStreamingModel;
import dev.clawgate.session.InMemoryStores;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.SessionActivitiesImpl;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionWorkflowImpl;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.TranscriptEntry;
import dev.langchain4j.data.message.AiMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler and run workflows on Temporal's test server with time skipping, with the real session
 * workflow, activities, in-memory stores and a test model: days pass in seconds.
 */
class CronSchedulerWorkflowTest {

  private static final Instant START = Instant.parse("2026-03-07T12:00:00Z");
  private static final long HOUR = 3_600_000;
  private static final String MAIN = "agent:main:main";

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SessionWorkflowImpl.class, CronSchedulerWorkflowImpl.class,
          CronRunWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  @TempDir
  Path workspace;

  private final InMemoryStores stores = new InMemoryStores();
  private final InMemoryCronStore cronStore = new InMemoryCronStore();
  private final List<CronEvent> events = new CopyOnWriteArrayList<>();
  private final ScriptedStreamingModel model = ScriptedStreamingModel.answering(
      request -> AiMessage.from("ok: " + ScriptedStreamingModel.lastUserText(request).orElse("")));
  private TestWorkflowEnvironment env;
  private CronScheduler scheduler;
  private CronJobs jobs;

  @Test
  void everyJobRunsOncePerDueTimeWithRunIdsFromTheDueTimes(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    start(env, worker, client);
    long t0 = env.currentTimeMillis();
    jobs.add(job("hourly", CronSchedule.every(HOUR, t0), CronJob.MAIN, CronPayload.systemEvent("check the oven")));

    for (int i = 1; i <= 3; i++) {
      env.sleep(Duration.ofHours(1));
      int expected = i;
      awaitTrue("run " + i, () -> cronStore.runs("hourly").size() == expected);
    }

    assertThat(cronStore.runs("hourly")).extracting(CronRunRecord::runId).containsExactly(
        "cron:hourly:" + (t0 + HOUR), "cron:hourly:" + (t0 + 2 * HOUR), "cron:hourly:" + (t0 + 3 * HOUR));
    assertThat(cronStore.runs("hourly")).extracting(CronRunRecord::status).containsOnly(CronRunRecord.OK);
    assertThat(cronStore.runs("hourly")).extracting(CronRunRecord::sessionKey).containsOnly(MAIN);
    assertThat(userTexts(MAIN)).hasSize(3)
        .allSatisfy(text -> assertThat(text).isEqualTo("[System event from cron job \"Job hourly\"] check the oven"));
    assertThat(jobs.get("hourly").state().lastRunStatus()).isEqualTo(CronRunRecord.OK);
    assertThat(jobs.list()).singleElement().satisfies(j -> assertThat(j.state().nextRunAtMs()).isEqualTo(t0 + 4 * HOUR));
  }

  @Test
  void cronExpressionRunsAtItsTimesInItsTimeZone(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client);
    jobs.add(job("nine", CronSchedule.cron("0 9 * * *", "America/New_York"), CronJob.MAIN,
        CronPayload.systemEvent("good morning")));

    env.sleep(Duration.ofHours(3)); // 15:00 UTC: 09:00 New York (14:00 UTC, winter time) has passed
    awaitTrue("first run", () -> cronStore.runs("nine").size() == 1);
    env.sleep(Duration.ofDays(1)); // 8 March: summer time, 09:00 is 13:00 UTC
    awaitTrue("second run", () -> cronStore.runs("nine").size() == 2);

    assertThat(cronStore.runs("nine")).extracting(CronRunRecord::dueAtMs)
        .containsExactly(ms("2026-03-07T14:00:00Z"), ms("2026-03-08T13:00:00Z"));
  }

  @Test
  void oneTimeJobRunsOnceAndLeavesTheSchedule(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client);
    long at = env.currentTimeMillis() + 30 * 60_000;
    jobs.add(job("once", CronSchedule.at(Instant.ofEpochMilli(at).toString()), CronJob.MAIN,
        CronPayload.systemEvent("take the cake out")));

    env.sleep(Duration.ofHours(1));
    awaitTrue("the run", () -> cronStore.runs("once").size() == 1);
    env.sleep(Duration.ofDays(2));

    assertThat(cronStore.runs("once")).extracting(CronRunRecord::runId).containsExactly("cron:once:" + at);
    assertThat(scheduler.nextDueTimes().byJob()).doesNotContainKey("once");
    assertThat(userTexts(MAIN)).hasSize(1);
  }

  /**
   * After a long gap (here a restarted embedded server resuming from the store; on a real server a worker that
   * was down when the timer fired takes the same path) the missed due times run once, for the oldest one.
   * The real-server case, gateway killed and restarted around a due time, is .ci/e2e-cron.sh.
   */
  @Test
  void aSchedulerStartedFromTheStoreRunsTheRememberedMissedDueTimeOnce(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    long t0 = START.toEpochMilli();
    // As an embedded server restarted after a day off finds it: due 20 hours ago, never submitted.
    CronJob remembered = job("daily", CronSchedule.every(HOUR, t0 - 30 * HOUR), CronJob.MAIN,
        CronPayload.systemEvent("tick"));
    cronStore.add(remembered.withState(CronJobState.EMPTY.started("cron:daily:" + (t0 - 21 * HOUR), t0 - 21 * HOUR,
        t0 - 21 * HOUR, t0 - 20 * HOUR).finished(record(remembered, "cron:daily:" + (t0 - 21 * HOUR)))));

    start(env, worker, client);
    jobs.start();
    awaitTrue("the catch-up run", () -> cronStore.runs("daily").size() == 1);
    env.sleep(Duration.ofMinutes(30));

    assertThat(cronStore.runs("daily")).extracting(CronRunRecord::runId).containsExactly("cron:daily:" + (t0 - 20 * HOUR));
    assertThat(scheduler.nextDueTimes().byJob()).containsEntry("daily", t0 + HOUR);
  }

  @Test
  void removedJobStopsRunningAtOnce(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client);
    long t0 = env.currentTimeMillis();
    jobs.add(job("hourly", CronSchedule.every(HOUR, t0), CronJob.MAIN, CronPayload.systemEvent("tick")));
    env.sleep(Duration.ofHours(1));
    awaitTrue("the first run", () -> userTexts(MAIN).size() == 1);

    jobs.remove("hourly");
    env.sleep(Duration.ofHours(5));

    assertThat(userTexts(MAIN)).hasSize(1);
    assertThat(scheduler.nextDueTimes().byJob()).isEmpty();
    assertThat(cronStore.get("hourly")).isEmpty();
    assertThat(events).extracting(CronEvent::action).contains(CronEvent.ADDED, CronEvent.STARTED, CronEvent.REMOVED);
  }

  @Test
  void disabledJobStopsRunningAndReEnabledCountsFromNow(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    start(env, worker, client);
    long t0 = env.currentTimeMillis();
    jobs.add(job("hourly", CronSchedule.every(HOUR, t0), CronJob.MAIN, CronPayload.systemEvent("tick")));

    jobs.update("hourly", j -> j.withEnabled(false, env.currentTimeMillis()));
    env.sleep(Duration.ofHours(3).plusMinutes(30));
    assertThat(userTexts(MAIN)).as("nothing while disabled").isEmpty();
    jobs.update("hourly", j -> j.withEnabled(true, env.currentTimeMillis()));
    env.sleep(Duration.ofMinutes(40));
    awaitTrue("the run after re-enabling", () -> cronStore.runs("hourly").size() == 1);

    assertThat(cronStore.runs("hourly")).extracting(CronRunRecord::runId).containsExactly("cron:hourly:" + (t0 + 4 * HOUR));
  }

  @Test
  void manualRunRunsAtOnceWithItsOwnRunId(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client);
    jobs.add(job("later", CronSchedule.every(24 * HOUR, null), CronJob.MAIN, CronPayload.agentTurn("hello", null, null)));

    CronRunRequest run = jobs.runNow("later");
    awaitTrue("the manual run", () -> cronStore.runs("later").size() == 1);

    assertThat(run.runId()).startsWith("cron:later:manual:");
    assertThat(cronStore.runs("later")).singleElement().satisfies(r -> {
      assertThat(r.runId()).isEqualTo(run.runId());
      assertThat(r.trigger()).isEqualTo(CronRunRecord.MANUAL);
      assertThat(r.summary()).isEqualTo("ok: hello");
    });
    assertThat(userTexts(MAIN)).containsExactly("hello");
  }

  @Test
  void isolatedJobRunsEachTimeInAFreshSessionOfItsOwn(TestWorkflowEnvironment env, Worker worker,
      WorkflowClient client) {
    start(env, worker, client);
    long t0 = env.currentTimeMillis();
    jobs.add(job("digest", CronSchedule.every(HOUR, t0), CronJob.ISOLATED, CronPayload.agentTurn("digest", null, 60)));

    env.sleep(Duration.ofHours(1));
    awaitTrue("run 1", () -> cronStore.runs("digest").size() == 1);
    env.sleep(Duration.ofHours(1));
    awaitTrue("run 2", () -> cronStore.runs("digest").size() == 2);

    String key = "agent:main:cron:digest";
    assertThat(cronStore.runs("digest")).extracting(CronRunRecord::sessionKey).containsOnly(key);
    assertThat(stores.transcripts().readCurrent(key)).extracting(TranscriptEntry::runId)
        .containsOnly("cron:digest:" + (t0 + 2 * HOUR));
    assertThat(model.requests().get(1).messages()).as("the second run sees nothing of the first").hasSize(2);
    assertThat(userTexts(MAIN)).isEmpty();
  }

  private void start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    AgentCatalog agents = new AgentCatalog(
        List.of(new AgentDefinition("main", "Main", "You are a test assistant.", workspace, null)), "main", "main");
    SessionIndex index = new SessionIndex(stores.sessions());
    SessionClient sessions = new SessionClient(client, worker.getTaskQueue(), QueuePolicy.DEFAULTS);
    env.newWorker(worker.getTaskQueue() + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX).registerActivitiesImplementations(
        new AgentActivitiesImpl(agents, FixedModelProvider.of(model), stores.transcripts(), index, e -> { }));
    worker.registerActivitiesImplementations(
        new ToolActivitiesImpl(agents, stores.transcripts(), e -> { }),
        new SessionActivitiesImpl(stores.transcripts(), index, e -> { }),
        new CronActivitiesImpl(cronStore, sessions, agents, events::add, new WebhookDelivery(),
            env::currentTimeMillis));
    env.start();
    scheduler = new CronScheduler(client, worker.getTaskQueue(), cronStore);
    jobs = new CronJobs(cronStore, scheduler, events::add, env::currentTimeMillis);
  }

  private CronJob job(String id, CronSchedule schedule, String target, CronPayload payload) {
    long now = env == null ? START.toEpochMilli() : env.currentTimeMillis();
    return new CronJob(id, "Job " + id, null, null, true, null, schedule, target, CronJob.WAKE_NOW, payload,
        CronDelivery.none(), now, now, null);
  }

  private static CronRunRecord record(CronJob job, String runId) {
    return new CronRunRecord(job.id(), job.name(), runId, 0, CronRunRecord.SCHEDULE, MAIN, CronRunRecord.OK, 0, 0,
        null, null, null, null, 0);
  }

  private List<String> userTexts(String sessionKey) {
    return stores.transcripts().readAll(sessionKey).stream()
        .filter(entry -> entry.isMessage(TranscriptEntry.USER)).map(TranscriptEntry::text).toList();
  }

  /** Polls in real time: activities run in real time even while workflow time skips. */
  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(what + " did not happen within 30 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
