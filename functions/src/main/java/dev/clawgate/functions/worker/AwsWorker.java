package dev.clawgate.functions.worker;

import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.functions.AwsGateway;
import dev.clawgate.functions.EnvSettings;
import dev.clawgate.functions.apigw.ApiGatewayEventSink;
import dev.clawgate.functions.apigw.ConnectionPoster;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.functions.apigw.ManagementApi;
import dev.clawgate.functions.apigw.PendingResponseTable;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.infra.dynamo.DynamoClients;
import dev.clawgate.infra.dynamo.DynamoSessionStore;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.infra.dynamo.DynamoTranscriptStore;
import dev.clawgate.methods.CronEventRelay;
import dev.clawgate.protocol.wire.TickEvent;
import dev.clawgate.schedule.CronActivitiesImpl;
import dev.clawgate.schedule.CronJobs;
import dev.clawgate.schedule.CronRunWorkflowImpl;
import dev.clawgate.schedule.CronScheduler;
import dev.clawgate.schedule.CronSchedulerWorkflowImpl;
import dev.clawgate.schedule.CronStore;
import dev.clawgate.schedule.WebhookDelivery;
import dev.clawgate.session.ModelWorkerOptions;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.SessionActivitiesImpl;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionWorkflowImpl;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.SessionIndex;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS session worker, wired: the DynamoDB stores, the {@link ApiGatewayEventSink}, and the workflows and
 * activities the self-hosted gateway registers (session workflow; tool, session and model activities, the
 * model steps on their own queue with a cap on runs at once), plus the {@code tick} sender. Heartbeats need
 * nothing of their own: they run inside each agent's main session workflow, and their events reach every
 * connected client through the sink.
 *
 * <p>Cron runs only when a {@link CronStore} is given ({@code DynamoCronStore}, the table the functions'
 * {@code cron.*} methods write): then the scheduler workflows and activities are registered and the scheduler is
 * started from the stored jobs. Without one nothing of cron starts, and a {@code cron.add} through the functions
 * waits in vain for a scheduler to take it.
 *
 * <p>Settings come from the environment the stack's {@code WorkerEnvironment} output gives, plus the model's:
 * the table names ({@code CLAWGATE_<TABLE>_TABLE}), {@code CLAWGATE_MANAGEMENT_ENDPOINT} (required),
 * {@code CLAWGATE_TASK_QUEUE}, {@code CLAWGATE_MODEL} with {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
 * {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL} or {@code OLLAMA_BASE_URL}, and
 * {@code CLAWGATE_MAX_CONCURRENT_RUNS} (default {@value #DEFAULT_MAX_CONCURRENT_RUNS}). Temporal's address,
 * namespace and credentials are read by {@link AwsGateway#temporal(Map)}, the same as the functions'.
 */
public final class AwsWorker implements AutoCloseable {

  /** As self-hosted: the cap on model steps running at once across sessions. */
  public static final int DEFAULT_MAX_CONCURRENT_RUNS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(AwsWorker.class);
  private static final long CRON_START_RETRY_SECONDS = 15;

  private final Deque<AutoCloseable> closeInReverse;
  private final ConnectionPoster poster;

  private AwsWorker(Deque<AutoCloseable> closeInReverse, ConnectionPoster poster) {
    this.closeInReverse = closeInReverse;
    this.poster = poster;
  }

  /** What the worker runs on; {@code cron} may be null (no cron scheduler). */
  public record Wiring(Map<String, String> env, DynamoDbClient dynamo, WorkflowClient temporal, CronStore cron,
      long tickIntervalMs) {

    /** Ticks at the interval the functions advertise in {@code hello-ok.policy.tickIntervalMs}. */
    public Wiring(Map<String, String> env, DynamoDbClient dynamo, WorkflowClient temporal, CronStore cron) {
      this(env, dynamo, temporal, cron, GatewaySettings.DEFAULT_TICK_INTERVAL_MS);
    }
  }

  /** Registers the workflows and activities, starts polling the task queues, and starts ticking. */
  public static AwsWorker start(Wiring wiring) {
    Map<String, String> env = wiring.env();
    String endpoint = required(env, "CLAWGATE_MANAGEMENT_ENDPOINT");
    String taskQueue = EnvSettings.value(env, "CLAWGATE_TASK_QUEUE", AwsGateway.DEFAULT_TASK_QUEUE);
    int maxConcurrentRuns = Integer.parseInt(EnvSettings.value(env, "CLAWGATE_MAX_CONCURRENT_RUNS",
        Integer.toString(DEFAULT_MAX_CONCURRENT_RUNS)));
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      DynamoDbClient dynamo = wiring.dynamo();
      DynamoTranscriptStore transcripts = new DynamoTranscriptStore(dynamo, DynamoTables.TRANSCRIPTS.nameIn(env));
      SessionIndex index = new SessionIndex(new DynamoSessionStore(dynamo, DynamoTables.SESSIONS.nameIn(env)));
      ConnectionPoster poster = new ConnectionPoster(new ConnectionTable(dynamo, DynamoTables.CONNECTIONS.nameIn(env)),
          new ManagementApi(DynamoClients.region(env), DynamoClients.credentials(env)), endpoint,
          AwsGateway.MAX_PAYLOAD);
      ApiGatewayEventSink sink = new ApiGatewayEventSink(
          new PendingResponseTable(dynamo, DynamoTables.PENDING_RESPONSES.nameIn(env)), poster);
      AgentCatalog agents = AwsGateway.agents();
      ModelProvider models = AwsGateway.models(env);

      WorkerFactory workers = WorkerFactory.newInstance(wiring.temporal());
      resources.push(() -> {
        // Let in-flight activities finish their writes and posts.
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        workers.shutdownNow();
      });
      Worker worker = workers.newWorker(taskQueue);
      worker.registerWorkflowImplementationTypes(SessionWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ToolActivitiesImpl(agents, transcripts, sink),
          new SessionActivitiesImpl(transcripts, index, sink));
      CronJobs cron = null;
      if (wiring.cron() != null) {
        CronEventRelay cronEvents = new CronEventRelay(agents.defaultId());
        cronEvents.attach(poster::broadcast);
        SessionClient sessions = new SessionClient(wiring.temporal(), taskQueue, QueuePolicy.DEFAULTS);
        worker.registerWorkflowImplementationTypes(CronSchedulerWorkflowImpl.class, CronRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(new CronActivitiesImpl(wiring.cron(), sessions, agents, cronEvents,
            new WebhookDelivery(), System::currentTimeMillis));
        cron = new CronJobs(wiring.cron(), new CronScheduler(wiring.temporal(), taskQueue, wiring.cron()),
            cronEvents, System::currentTimeMillis);
      }
      Worker modelWorker = workers.newWorker(taskQueue + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX,
          ModelWorkerOptions.of(maxConcurrentRuns));
      modelWorker.registerActivitiesImplementations(new AgentActivitiesImpl(agents, models, transcripts, index,
          sink));
      workers.start();

      ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aws-worker-timer");
        thread.setDaemon(true);
        return thread;
      });
      resources.push(timers::shutdownNow);
      timers.scheduleWithFixedDelay(() -> tick(poster), wiring.tickIntervalMs(), wiring.tickIntervalMs(),
          TimeUnit.MILLISECONDS);
      if (cron != null) {
        startCron(cron, timers);
      }
      LOG.info("AWS session worker polling task queue {}; posting to {}; ticking every {} ms; cron {}", taskQueue,
          endpoint, wiring.tickIntervalMs(), cron == null ? "off (no cron store)" : "on");
      if (EnvSettings.value(env, "CLAWGATE_MODEL", null) != null) {
        LOG.info("model {}", models.describe(agents.resolve(agents.defaultId())));
      } else {
        LOG.warn("no model configured: runs will end with an error. Set CLAWGATE_MODEL (e.g. openai:gpt-4.1-mini) "
            + "and OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL");
      }
      return new AwsWorker(resources, poster);
    } catch (RuntimeException | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Posts a {@code tick} to every connected client: API Gateway closes a connection after 10 minutes without a
   * message, and clients close one that stays silent for two tick intervals. Nothing in Lambda runs between
   * frames, so the long-lived worker does it.
   */
  private static void tick(ConnectionPoster poster) {
    try {
      poster.broadcast("tick", new TickEvent(System.currentTimeMillis()));
    } catch (RuntimeException e) {
      LOG.warn("could not send ticks: {}", e.toString());
    }
  }

  /** Starts the cron scheduler; a Temporal that cannot be reached yet is retried in the background. */
  private static void startCron(CronJobs cron, ScheduledExecutorService timers) {
    timers.execute(new Runnable() {
      @Override
      public void run() {
        try {
          cron.start();
        } catch (RuntimeException e) {
          LOG.warn("cron scheduler not started yet ({}); retrying in {} s", e.getMessage(), CRON_START_RETRY_SECONDS);
          timers.schedule(this, CRON_START_RETRY_SECONDS, TimeUnit.SECONDS);
        }
      }
    });
  }

  /** Sends one round of ticks now (what the timer does every interval); how many connections got one. */
  public int tickNow() {
    return poster.broadcast("tick", new TickEvent(System.currentTimeMillis()));
  }

  @Override
  public void close() {
    closeAll(closeInReverse);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while shutting down", e);
      }
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: the worker needs it (see the stack's WorkerEnvironment "
          + "output)");
    }
    return value.trim();
  }
}
