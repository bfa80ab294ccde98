package dev.clawgate.local;

import dev.clawgate.agent.AgentActivitiesImpl;
import dev.clawgate.agent.LangChainModelProvider;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.auth.AuthRateLimiter;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.gateway.LogBuffer;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.gateway.jetty.JettyGatewayServer;
import dev.clawgate.hooks.HookService;
import dev.clawgate.infra.disk.DiskCronStore;
import dev.clawgate.infra.disk.DiskDeviceStore;
import dev.clawgate.infra.disk.DiskSessionStore;
import dev.clawgate.infra.disk.DiskTranscriptStore;
import dev.clawgate.methods.CronEventRelay;
import dev.clawgate.methods.GatewayMethods;
import dev.clawgate.methods.GatewayServices;
import dev.clawgate.schedule.CronActivitiesImpl;
import dev.clawgate.schedule.CronJobs;
import dev.clawgate.schedule.CronRunWorkflowImpl;
import dev.clawgate.schedule.CronScheduler;
import dev.clawgate.schedule.CronSchedulerWorkflowImpl;
import dev.clawgate.schedule.CronStore;
import dev.clawgate.schedule.WebhookDelivery;
import dev.clawgate.session.SessionActivitiesImpl;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionWorkflowImpl;
import dev.clawgate.tools.ToolActivitiesImpl;
import dev.clawgate.transcript.SessionIndex;
import dev.clawgate.transcript.SessionStore;
import dev.clawgate.transcript.TranscriptStore;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.session.SessionKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole self-hosted gateway in one process: stores on disk, Temporal (embedded or remote), the session
 * worker, and the WebSocket front. This is the wiring and nothing else; every part lives in its own module.
 */
public final class ClawgateGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate");
  private static final long CRON_START_RETRY_SECONDS = 15;

  private final Settings settings;
  private final JettyGatewayServer server;
  private final Deque<AutoCloseable> closeInReverse;

  private ClawgateGateway(Settings settings, JettyGatewayServer server, Deque<AutoCloseable> closeInReverse) {
    this.settings = settings;
    this.server = server;
    this.closeInReverse = closeInReverse;
  }

  public static ClawgateGateway start(Settings settings) throws Exception {
    LogBuffer.PROCESS.captureStandardError();
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      TranscriptStore transcripts = new DiskTranscriptStore(settings.sessionsDir());
      SessionStore sessionStore = new DiskSessionStore(settings.sessionsDir());
      SessionIndex index = new SessionIndex(sessionStore);
      RunEventHub hub = new RunEventHub();
      DevicePairing pairing = new DevicePairing(new DiskDeviceStore(settings.devicesDir()), Clock.systemUTC());
      ModelProvider models = new LangChainModelProvider(settings.model(),
          spec -> SettingsLoader.model(spec, settings.providers()), settings.modelTimeout());

      CronStore cronStore = new DiskCronStore(settings.cronDir());
      CronEventRelay cronEvents = new CronEventRelay(settings.agents().defaultId());

      TemporalConnection temporal = TemporalConnection.open(settings);
      resources.push(temporal);
      SessionClient sessions = new SessionClient(temporal.client(), settings.taskQueue(), settings.queuePolicy());
      WorkerFactory workers = WorkerFactory.newInstance(temporal.client());
      resources.push(workers::shutdownNow);
      Worker worker = workers.newWorker(settings.taskQueue());
      worker.registerWorkflowImplementationTypes(SessionWorkflowImpl.class, CronSchedulerWorkflowImpl.class,
          CronRunWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new ToolActivitiesImpl(settings.agents(), transcripts, hub),
          new SessionActivitiesImpl(transcripts, index, hub),
          new CronActivitiesImpl(cronStore, sessions, settings.agents(), cronEvents, new WebhookDelivery(),
              System::currentTimeMillis));
      // Model steps get their own queue and slot count: the cap on runs executing at once across sessions.
      // Waiting steps stay in the task queue in arrival order, so no session starves.
      Worker modelWorker = workers.newWorker(settings.taskQueue() + SessionWorkflowImpl.MODEL_QUEUE_SUFFIX,
          WorkerOptions.newBuilder()
              .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentRuns())
              // A cancelled model call learns of it at its next heartbeat: send them often enough that an
              // interrupted stream stops within half a second, not the default 0.8 x heartbeat timeout.
              .setMaxHeartbeatThrottleInterval(Duration.ofMillis(500))
              .build());
      modelWorker.registerActivitiesImplementations(
          new AgentActivitiesImpl(settings.agents(), models, transcripts, index, hub));
      workers.start();
      CronJobs cron = new CronJobs(cronStore, new CronScheduler(temporal.client(), settings.taskQueue(), cronStore),
          cronEvents, System::currentTimeMillis);
      resources.push(startCronScheduler(cron));

      long startedAt = System.currentTimeMillis();
      Map<String, HeartbeatSettings> heartbeats = new ConcurrentHashMap<>(settings.heartbeats());
      GatewayServices services = new GatewayServices(sessions, transcripts, sessionStore, settings.agents(), models,
          hub, ClawgateVersion.current(), temporal.describe(), temporal.durable(), heartbeats, pairing,
          settings::redactedView, cron);
      GatewayMethods methods = new GatewayMethods(services, () -> System.currentTimeMillis() - startedAt);
      resources.push(methods);
      GatewaySettings gatewaySettings = new GatewaySettings(ClawgateVersion.current(),
          new SharedSecret(settings.token()), settings.tickIntervalMs(), settings.maxPayload(),
          settings.maxBufferedBytes(), GatewaySettings.PRE_HANDSHAKE_MAX_BYTES,
          GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS, settings.allowedOrigins());
      GatewayCore core = new GatewayCore(gatewaySettings, methods.registry(), methods::snapshotExtras, pairing,
          new AuthRateLimiter(Clock.systemUTC()));
      resources.push(core);
      methods.attach(core);
      pushHeartbeatSettings(settings, sessions, heartbeats);
      cronEvents.attach(core::broadcast);
      HookService hooks = new HookService(settings.hooks(), sessions, settings.agents(), methods.runWaiter());
      JettyGatewayServer server = new JettyGatewayServer(core, hooks, settings.bindHost(), settings.port()).start();
      resources.push(server);

      LOG.info("Clawgate {} listening on ws://{}:{}/", ClawgateVersion.current(), settings.bindHost(), server.port());
      LOG.info("state dir {}; gateway token from {}", settings.stateDir(), settings.tokenSource());
      LOG.info("webhooks {}", settings.hooks().enabled() ? "on at http://" + settings.bindHost() + ":" + server.port()
          + "/hooks/" : "off (set hooks.token or CLAWGATE_HOOKS_TOKEN)");
      if (settings.model() == null) {
        LOG.warn("no model configured: runs will end with an error. Set CLAWGATE_MODEL (e.g. openai:gpt-4.1-mini) "
            + "and OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL");
      } else {
        LOG.info("model {}", models.describe(settings.defaultAgent()));
      }
      if (!"127.0.0.1".equals(settings.bindHost()) && !"::1".equals(settings.bindHost())) {
        LOG.warn("bound to {} beyond loopback: every client needs the gateway token; prefer wss:// via a proxy",
            settings.bindHost());
      }
      return new ClawgateGateway(settings, server, resources);
    } catch (Exception | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Gives every agent's main session its current heartbeat settings, so a changed interval takes effect
   * without restarting sessions: they keep running and just get the new settings.
   */
  /**
   * Starts the cron scheduler from the stored jobs, or brings a running one in line with them (idempotent).
   * A Temporal that cannot be reached does not stop the gateway: the start is retried in the background.
   */
  private static AutoCloseable startCronScheduler(CronJobs cron) {
    ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "cron-scheduler-start");
      thread.setDaemon(true);
      return thread;
    });
    Runnable attempt = new Runnable() {
      @Override
      public void run() {
        try {
          cron.start();
        } catch (RuntimeException e) {
          LOG.warn("cron scheduler not started yet ({}); retrying in {} s", e.getMessage(), CRON_START_RETRY_SECONDS);
          retry.schedule(this, CRON_START_RETRY_SECONDS, TimeUnit.SECONDS);
        }
      }
    };
    attempt.run();
    return retry::shutdownNow;
  }

  private static void pushHeartbeatSettings(Settings settings, SessionClient sessions,
      Map<String, HeartbeatSettings> heartbeats) {
    for (Map.Entry<String, HeartbeatSettings> entry : heartbeats.entrySet()) {
      try {
        sessions.configureHeartbeat(SessionKey.main(entry.getKey(), settings.agents().mainKey()), entry.getValue());
      } catch (RuntimeException e) {
        LOG.warn("could not configure heartbeats of agent {}: {}", entry.getKey(), e.getMessage());
      }
    }
  }

  public int port() {
    return server.port();
  }

  public URI url() {
    return URI.create("ws://" + settings.bindHost() + ":" + port() + "/");
  }

  public Settings settings() {
    return settings;
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
}
