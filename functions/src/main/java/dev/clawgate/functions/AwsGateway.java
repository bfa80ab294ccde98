package dev.clawgate.functions;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.LangChainModelProvider;
import dev.clawgate.agent.ModelProvider;
import dev.clawgate.agent.ModelSpec;
import dev.clawgate.auth.AuthRateLimiter;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.OriginPolicy;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.functions.apigw.DurableRunFollower;
import dev.clawgate.functions.apigw.DurableSessionWatcher;
import dev.clawgate.functions.apigw.ManagementApi;
import dev.clawgate.functions.apigw.PendingResponseTable;
import dev.clawgate.gateway.FrameHandling;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.gateway.GatewaySettings;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.hooks.HookService;
import dev.clawgate.hooks.HooksConfig;
import dev.clawgate.infra.dynamo.DynamoClients;
import dev.clawgate.infra.dynamo.DynamoCronStore;
import dev.clawgate.infra.dynamo.DynamoDeviceStore;
import dev.clawgate.infra.dynamo.DynamoRunDirectory;
import dev.clawgate.infra.dynamo.DynamoSessionStore;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.infra.dynamo.DynamoTranscriptStore;
import dev.clawgate.infra.secrets.AwsSecrets;
import dev.clawgate.methods.GatewayMethods;
import dev.clawgate.methods.GatewayServices;
import dev.clawgate.schedule.CronEvents;
import dev.clawgate.schedule.CronJobs;
import dev.clawgate.schedule.CronScheduler;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import dev.clawgate.temporal.TemporalEndpoint;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One Lambda instance's gateway: gateway-ws's core with the AWS ports (DynamoDB stores, the durable run
 * follower) and the clients the handlers use. Built once per process, with no DI: the no-argument handler
 * constructors take {@link #shared()}, tests and the local stand-in pass their own.
 *
 * <p>Settings come from the environment: the gateway token ({@code CLAWGATE_GATEWAY_TOKEN}, else the secret
 * {@code CLAWGATE_GATEWAY_TOKEN_SECRET_ARN}; required), the hooks token ({@code CLAWGATE_HOOKS_TOKEN}, else
 * {@code CLAWGATE_HOOKS_TOKEN_SECRET_ARN}; neither: webhooks are off), {@code CLAWGATE_ALLOWED_ORIGINS}
 * (comma-separated browser origins allowed on {@code $connect}), the Temporal endpoint ({@link #temporalEndpoint}),
 * {@code CLAWGATE_TASK_QUEUE} ({@code clawgate-sessions}), {@code CLAWGATE_MODEL} (for status output), the table
 * names ({@code CLAWGATE_<TABLE>_TABLE}), {@code CLAWGATE_MANAGEMENT_ENDPOINT} (overrides the management API
 * address derived from each event's domain and stage; the stand-in sets it) and {@code CLAWGATE_ANSWER_WITHIN_MS}
 * (how long a frame waits for its answer, default 25,000).
 */
public final class AwsGateway {

  /** API Gateway carries at most 128 KB per WebSocket message; advertised as {@code maxPayload}. */
  public static final int MAX_PAYLOAD = 128 * 1024;

  /**
   * How long a frame's Lambda waits for a method's first answer by default ({@code CLAWGATE_ANSWER_WITHIN_MS}):
   * API Gateway's integration timeout is 29 s, the function's own timeout 29 s, so some room is left.
   */
  static final long ANSWER_WITHIN_MS = 25_000;
  static final long MAX_ANSWER_WITHIN_MS = 28_000;

  public static final String DEFAULT_TASK_QUEUE = "clawgate-sessions";
  static final String DEFAULT_TEMPORAL_ADDRESS = "127.0.0.1:7233";
  public static final String TEMPORAL_SECRET_ARN = "CLAWGATE_TEMPORAL_SECRET_ARN";

  /** How long one model call may take, in the worker (which calls) and here (which describes the model). */
  public static final Duration MODEL_TIMEOUT = Duration.ofMinutes(2);
  static final String VERSION = "0.1.0";

  private final ConnectionTable connections;
  private final PendingResponseTable pending;
  private final ManagementApi api;
  private final GatewayCore core;
  private final FrameHandling frames;
  private final String endpointOverride;
  private final OriginPolicy origins;
  private final Supplier<HookService> hooks;

  AwsGateway(ConnectionTable connections, PendingResponseTable pending, ManagementApi api, GatewayCore core,
      long answerWithinMs, String endpointOverride, OriginPolicy origins, Supplier<HookService> hooks) {
    this.connections = connections;
    this.pending = pending;
    this.api = api;
    this.core = core;
    this.frames = new FrameHandling(core, answerWithinMs);
    this.endpointOverride = endpointOverride;
    this.origins = origins;
    this.hooks = hooks;
  }

  /** This process's gateway, built on first use from the environment. */
  public static AwsGateway shared() {
    return Shared.INSTANCE;
  }

  /** A gateway for {@code env}, on the given DynamoDB client and Temporal client. */
  public static AwsGateway create(Map<String, String> env, DynamoDbClient dynamo, WorkflowClient temporal) {
    return create(env, dynamo, () -> temporal);
  }

  /** The same with the Temporal client made on first use, as on Lambda (see {@link SessionClient}). */
  public static AwsGateway create(Map<String, String> env, DynamoDbClient dynamo,
      java.util.function.Supplier<WorkflowClient> temporal) {
    AwsSecrets secrets = new AwsSecrets(env);
    String token = secrets.required("CLAWGATE_GATEWAY_TOKEN", "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN",
        "every client needs the gateway token");
    List<String> allowedOrigins = allowedOrigins(env);
    OriginPolicy origins = new OriginPolicy(allowedOrigins, null);
    ConnectionTable connections = new ConnectionTable(dynamo, DynamoTables.CONNECTIONS.nameIn(env));
    PendingResponseTable pending = new PendingResponseTable(dynamo, DynamoTables.PENDING_RESPONSES.nameIn(env));
    AgentCatalog agents = agents();
    ModelProvider models = models(env);
    SessionClient sessions = new SessionClient(temporal,
        EnvSettings.value(env, "CLAWGATE_TASK_QUEUE", DEFAULT_TASK_QUEUE), QueuePolicy.DEFAULTS);
    DevicePairing pairing = new DevicePairing(new DynamoDeviceStore(dynamo, DynamoTables.DEVICES.nameIn(env),
        DevicePairing.REQUEST_TTL, Clock.systemUTC()), Clock.systemUTC());
    GatewayServices services = new GatewayServices(sessions, new DynamoTranscriptStore(dynamo,
        DynamoTables.TRANSCRIPTS.nameIn(env)), new DynamoSessionStore(dynamo, DynamoTables.SESSIONS.nameIn(env)),
        agents, models, new RunEventHub(), VERSION, EnvSettings.value(env, "TEMPORAL_ADDRESS",
            DEFAULT_TEMPORAL_ADDRESS), true, Map.of(), pairing, Map::of, cron(env, dynamo, sessions));
    long startedAt = System.currentTimeMillis();
    GatewayMethods methods = new GatewayMethods(services, () -> System.currentTimeMillis() - startedAt,
        new GatewayMethods.Ports(new DurableRunFollower(pending), new DurableSessionWatcher(pending),
            new DynamoRunDirectory(dynamo, DynamoTables.IDEMPOTENCY.nameIn(env))));
    SharedSecret gatewayToken = new SharedSecret(token);
    GatewaySettings settings = new GatewaySettings(VERSION, gatewayToken,
        GatewaySettings.DEFAULT_TICK_INTERVAL_MS, MAX_PAYLOAD, GatewaySettings.DEFAULT_MAX_BUFFERED_BYTES,
        GatewaySettings.PRE_HANDSHAKE_MAX_BYTES, GatewaySettings.DEFAULT_HANDSHAKE_TIMEOUT_MS, allowedOrigins);
    GatewayCore core = new GatewayCore(settings, methods.registry(), methods::snapshotExtras, pairing,
        new AuthRateLimiter(Clock.systemUTC()));
    ManagementApi api = new ManagementApi(DynamoClients.region(env), DynamoClients.credentials(env));
    // Only the hooks function needs the hooks token: built on its first request, so the WebSocket functions never
    // fetch that secret.
    Supplier<HookService> hooks = once(() -> new HookService(hooksConfig(secrets, gatewayToken), sessions, agents,
        methods.runWaiter()));
    return new AwsGateway(connections, pending, api, core, answerWithinMs(env),
        EnvSettings.optional(env, "CLAWGATE_MANAGEMENT_ENDPOINT"), origins, hooks);
  }

  /**
   * The cron jobs, stored in DynamoDB. Their scheduler workflow runs on the worker, which records the runs in the
   * same table ({@code new DynamoCronStore(dynamo, DynamoTables.CRON_JOBS.nameIn(env))}). Job changes are not
   * announced as {@code cron} events from here: a function holds no connections to announce them to.
   */
  static CronJobs cron(Map<String, String> env, DynamoDbClient dynamo, SessionClient sessions) {
    DynamoCronStore store = new DynamoCronStore(dynamo, DynamoTables.CRON_JOBS.nameIn(env));
    CronScheduler scheduler = new CronScheduler(sessions::workflowClient,
        EnvSettings.value(env, "CLAWGATE_TASK_QUEUE", DEFAULT_TASK_QUEUE), store);
    return new CronJobs(store, scheduler, CronEvents.NONE, System::currentTimeMillis);
  }

  /** The Temporal client for {@code env}; connects lazily, on the first call that needs the server. */
  public static WorkflowClient temporal(Map<String, String> env) {
    TemporalEndpoint endpoint = temporalEndpoint(env);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(endpoint.serviceStubsOptions());
    return WorkflowClient.newInstance(stubs, endpoint.clientOptions());
  }

  /**
   * Where Temporal is and how to authenticate: {@code TEMPORAL_ADDRESS} (default {@code 127.0.0.1:7233}) and
   * {@code TEMPORAL_NAMESPACE}, with the credentials from Temporal's own variables ({@code TEMPORAL_API_KEY},
   * {@code TEMPORAL_TLS_CLIENT_CERT_PATH}, ...) when any is set, else from the JSON secret named by
   * {@value #TEMPORAL_SECRET_ARN} ({@code {"apiKey": ...}} or {@code {"tlsCertPem": ..., "tlsKeyPem": ...}}),
   * else none (a local server in plain text). The session worker connects with the same.
   *
   * @throws IllegalStateException naming the variable that is wrong
   */
  public static TemporalEndpoint temporalEndpoint(Map<String, String> env) {
    TemporalEndpoint endpoint;
    try {
      endpoint = TemporalEndpoint.fromEnvironment(env, DEFAULT_TEMPORAL_ADDRESS);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Temporal settings: " + e.getMessage(), e);
    }
    if (TemporalEndpoint.mentionsCredentials(env)) {
      return endpoint;
    }
    String secret = new AwsSecrets(env).secret(TEMPORAL_SECRET_ARN).orElse(null);
    if (secret == null) {
      return endpoint;
    }
    try {
      return endpoint.withCredentialsJson(secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(TEMPORAL_SECRET_ARN + ": " + e.getMessage(), e);
    }
  }

  /**
   * Webhooks on AWS: the built-in hooks ({@code /hooks/wake}, {@code /hooks/agent}) with the default limits; named
   * hook mappings need configuration that does not live on AWS yet. Off (404) when no hooks token is set.
   */
  private static HooksConfig hooksConfig(AwsSecrets secrets, SharedSecret gatewayToken) {
    String token = secrets.optional("CLAWGATE_HOOKS_TOKEN", "CLAWGATE_HOOKS_TOKEN_SECRET_ARN").orElse(null);
    if (token == null) {
      return HooksConfig.disabled();
    }
    if (gatewayToken.matches(token)) {
      throw new IllegalStateException("the hooks token must differ from the gateway token: a leaked hook token "
          + "(it sits in other services' configs) must not open the control plane");
    }
    return new HooksConfig(new SharedSecret(token), HooksConfig.DEFAULT_MAX_BODY_BYTES, null, null,
        HooksConfig.DEFAULT_RATE_PER_MINUTE, HooksConfig.DEFAULT_BURST);
  }

  /**
   * {@code CLAWGATE_ALLOWED_ORIGINS}: comma-separated {@code scheme://host[:port]}; empty refuses every request
   * that carries an {@code Origin} (browsers send one, the CLI does not).
   */
  static List<String> allowedOrigins(Map<String, String> env) {
    List<String> origins = new ArrayList<>();
    String value = env.get("CLAWGATE_ALLOWED_ORIGINS");
    if (value != null) {
      for (String origin : value.split(",")) {
        if (!origin.isBlank()) {
          if (!OriginPolicy.ANY.equals(origin.trim()) && OriginPolicy.normalize(origin).isEmpty()) {
            throw new IllegalStateException("CLAWGATE_ALLOWED_ORIGINS: '" + origin.trim() + "' is not an origin "
                + "(https://host[:port], no path)");
          }
          origins.add(origin.trim());
        }
      }
    }
    return List.copyOf(origins);
  }

  private static <T> Supplier<T> once(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  /**
   * The agents on AWS: the default one only, until agent configuration is stored in DynamoDB. The worker must
   * use the same catalog.
   */
  public static AgentCatalog agents() {
    AgentDefinition main = new AgentDefinition(SessionKey.DEFAULT_AGENT_ID, "Main",
        AgentDefinition.DEFAULT_SYSTEM_PROMPT, Path.of(tmpDir(), "clawgate-workspace", "main"), null);
    return new AgentCatalog(List.of(main), SessionKey.DEFAULT_AGENT_ID, SessionKey.DEFAULT_MAIN_KEY);
  }

  /** The model provider for {@code env}: {@code CLAWGATE_MODEL} with the provider's variables. */
  public static ModelProvider models(Map<String, String> env) {
    return new LangChainModelProvider(ModelSpec.fromEnvironment(env.get("CLAWGATE_MODEL"), env),
        s -> ModelSpec.fromEnvironment(s, env), MODEL_TIMEOUT);
  }

  /** The management API for an event that came through {@code domainName}/{@code stage}. */
  String endpoint(String domainName, String stage) {
    return endpointOverride != null ? endpointOverride : ManagementApi.endpointOf(domainName, stage);
  }

  /**
   * Whether a WebSocket upgrade with this {@code Origin} header may open: no header (not a browser) always may,
   * a browser page only from a listed origin. API Gateway serves no pages, so there are no own origins.
   */
  boolean allowsOrigin(String origin) {
    return origin == null || origins.allowsListed(origin);
  }

  /** The webhook service, built on first use (it may fetch the hooks token). */
  HookService hooks() {
    return hooks.get();
  }

  ConnectionTable connections() {
    return connections;
  }

  PendingResponseTable pending() {
    return pending;
  }

  ManagementApi api() {
    return api;
  }

  GatewayCore core() {
    return core;
  }

  FrameHandling frames() {
    return frames;
  }

  /** {@code CLAWGATE_ANSWER_WITHIN_MS}: 1,000 to 28,000 ms; lower it with a shorter function timeout. */
  static long answerWithinMs(Map<String, String> env) {
    String value = EnvSettings.optional(env, "CLAWGATE_ANSWER_WITHIN_MS");
    if (value == null) {
      return ANSWER_WITHIN_MS;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 1_000 || parsed > MAX_ANSWER_WITHIN_MS) {
      throw new IllegalStateException("CLAWGATE_ANSWER_WITHIN_MS must be a whole number of milliseconds from 1000 to "
          + MAX_ANSWER_WITHIN_MS + " (API Gateway ends a request after 29 s), not '" + value + "'");
    }
    return parsed;
  }

  private static String tmpDir() {
    return System.getProperty("java.io.tmpdir");
  }

  /** Lazy holder: built on first use (or while priming a snapshot), never twice. */
  private static final class Shared {
    static final AwsGateway INSTANCE = create(System.getenv(), DynamoClients.shared(),
        () -> temporal(System.getenv()));
    static final Priming PRIMING = Priming.register(INSTANCE);
  }
}
