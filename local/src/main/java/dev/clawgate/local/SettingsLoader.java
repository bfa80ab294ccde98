package dev.clawgate.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.InvalidModelSpecException;
import dev.clawgate.agent.ModelSpec;
import dev.clawgate.auth.OriginPolicy;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.session.DropPolicy;
import dev.clawgate.session.QueueMode;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.hooks.HookMapping;
import dev.clawgate.hooks.HooksConfig;
import dev.clawgate.session.SessionKey;
import dev.clawgate.temporal.TemporalEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code clawgate.json} from the state dir, applies environment overrides (env wins), fills in
 * defaults and validates. Every refusal is a {@link ConfigException} that names the key and the fix.
 */
public final class SettingsLoader {

  public static final String CONFIG_FILE = "clawgate.json";

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Map<String, String> env;

  public SettingsLoader(Map<String, String> env) {
    this.env = env;
  }

  /** The state dir from {@code CLAWGATE_STATE_DIR}, else {@code ~/.clawgate}. */
  public Path stateDir() {
    String fromEnv = env("CLAWGATE_STATE_DIR");
    if (fromEnv != null) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".clawgate");
  }

  public Settings load() {
    Path stateDir = stateDir();
    ClawgateConfig config = readConfig(stateDir.resolve(CONFIG_FILE));
    ClawgateConfig.Gateway gateway = Optional.ofNullable(config.gateway())
        .orElse(new ClawgateConfig.Gateway(null, null, null, null, null, null, null));
    ClawgateConfig.Temporal temporal = Optional.ofNullable(config.temporal())
        .orElse(new ClawgateConfig.Temporal(null, null, null));

    int port = port(env("CLAWGATE_PORT"), gateway.port());
    String bindHost = bindHost(first(env("CLAWGATE_BIND"), gateway.bind(), "loopback"));
    String configToken = gateway.auth() == null ? null : gateway.auth().token();
    ClawgateConfig.Providers providers = providers(config.providers());
    ModelSpec model = model(first(env("CLAWGATE_MODEL"), config.model(), null), providers);
    AgentCatalog agents = agents(stateDir, config.agents(), providers);
    GatewayToken token = GatewayToken.resolve(stateDir, env("CLAWGATE_GATEWAY_TOKEN"), configToken);
    String temporalNamespace = first(env("TEMPORAL_NAMESPACE"), temporal.namespace(), "default");

    return new Settings(
        stateDir,
        bindHost,
        port,
        token.value(),
        token.source(),
        positive("gateway.tickIntervalMs", gateway.tickIntervalMs(), 30_000L),
        (int) positive("gateway.maxPayload", gateway.maxPayload() == null ? null : gateway.maxPayload().longValue(),
            25L * 1024 * 1024),
        positive("gateway.maxBufferedBytes", gateway.maxBufferedBytes(), 50L * 1024 * 1024),
        allowedOrigins(gateway.allowedOrigins()),
        temporal(first(env("TEMPORAL_ADDRESS"), temporal.address(), null), temporalNamespace),
        temporalNamespace,
        first(env("CLAWGATE_TASK_QUEUE"), temporal.taskQueue(), Settings.DEFAULT_TASK_QUEUE),
        model,
        providers,
        agents,
        maxConcurrent(config.agents()),
        queuePolicy(config.session()),
        heartbeats(config, agents, model != null),
        Duration.ofMinutes(5),
        hooks(config.hooks(), agents, token.value()));
  }

  /**
   * The webhook settings. The hooks token must differ from the gateway token: a leaked hook token (it sits
   * in other services' configs) must not open the control plane.
   */
  private HooksConfig hooks(ClawgateConfig.Hooks config, AgentCatalog agents, String gatewayToken) {
    ClawgateConfig.Hooks hooks = config == null ? new ClawgateConfig.Hooks(null, null, null, null, null) : config;
    String token = first(env("CLAWGATE_HOOKS_TOKEN"), hooks.token(), null);
    if (token != null && token.trim().equals(gatewayToken)) {
      throw new ConfigException("hooks.token / CLAWGATE_HOOKS_TOKEN must differ from the gateway token: give "
          + "webhook callers a token of their own");
    }
    List<String> prefixes = hooks.allowedSessionKeyPrefixes();
    if (prefixes != null) {
      for (int i = 0; i < prefixes.size(); i++) {
        String prefix = prefixes.get(i);
        if (prefix == null || prefix.isBlank() || prefix.startsWith("agent:")) {
          throw new ConfigException("hooks.allowedSessionKeyPrefixes[" + i + "] must be a non-empty prefix such as "
              + "'hook:' (keys are scoped to an agent for you; do not start with agent:)");
        }
      }
    }
    List<HookMapping> mappings = new ArrayList<>();
    List<ClawgateConfig.HookMapping> configured = hooks.mappings() == null ? List.of() : hooks.mappings();
    for (int i = 0; i < configured.size(); i++) {
      ClawgateConfig.HookMapping m = configured.get(i);
      String at = "hooks.mappings[" + i + "]";
      if (m.name() == null || !m.name().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
        throw new ConfigException(at + ".name must be letters, digits, _ or - (it is the path /hooks/<name>)");
      }
      if ("wake".equals(m.name()) || "agent".equals(m.name())) {
        throw new ConfigException(at + ".name '" + m.name() + "' is a built-in hook; choose another name");
      }
      if (m.action() != null && !HookMapping.AGENT.equals(m.action()) && !HookMapping.WAKE.equals(m.action())) {
        throw new ConfigException(at + ".action must be agent or wake");
      }
      if (m.messageTemplate() == null || m.messageTemplate().isBlank()) {
        throw new ConfigException(at + ".messageTemplate is required, e.g. \"New issue: {{body.title}}\"");
      }
      if (m.agentId() != null && agents.find(m.agentId()).isEmpty()) {
        throw new ConfigException(at + ".agentId '" + m.agentId() + "' is not a configured agent");
      }
      mappings.add(new HookMapping(m.name(), m.action(), m.agentId(), m.sessionKey(), m.messageTemplate()));
    }
    ClawgateConfig.RateLimit rate = hooks.rateLimit() == null ? new ClawgateConfig.RateLimit(null, null)
        : hooks.rateLimit();
    return new HooksConfig(token == null ? null : new SharedSecret(token.trim()),
        (int) positive("hooks.maxBodyBytes", hooks.maxBodyBytes() == null ? null : hooks.maxBodyBytes().longValue(),
            HooksConfig.DEFAULT_MAX_BODY_BYTES),
        prefixes, mappings,
        (int) positive("hooks.rateLimit.perMinute", rate.perMinute() == null ? null : rate.perMinute().longValue(),
            HooksConfig.DEFAULT_RATE_PER_MINUTE),
        (int) positive("hooks.rateLimit.burst", rate.burst() == null ? null : rate.burst().longValue(),
            HooksConfig.DEFAULT_BURST));
  }

  /**
   * The Temporal server and its credentials from Temporal's own environment variables ({@code TEMPORAL_API_KEY},
   * {@code TEMPORAL_TLS}, {@code TEMPORAL_TLS_CLIENT_CERT_PATH}, ...; see {@link TemporalEndpoint}); null for the
   * embedded test server, which speaks plain text only and so takes no credentials.
   */
  private TemporalEndpoint temporal(String address, String namespace) {
    if (address == null) {
      if (TemporalEndpoint.mentionsCredentials(env)) {
        throw new ConfigException("Temporal credentials or TEMPORAL_TLS are set but TEMPORAL_ADDRESS is not: set "
            + "the address of the server they are for (the embedded test server takes no credentials)");
      }
      return null;
    }
    Map<String, String> merged = new java.util.HashMap<>(env);
    merged.put(TemporalEndpoint.ADDRESS, address);
    merged.put(TemporalEndpoint.NAMESPACE, namespace);
    try {
      return TemporalEndpoint.fromEnvironment(merged, null);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("temporal: " + e.getMessage());
    }
  }

  private ClawgateConfig readConfig(Path file) {
    if (!Files.exists(file)) {
      return ClawgateConfig.empty();
    }
    try {
      ClawgateConfig config = STRICT.readValue(file.toFile(), ClawgateConfig.class);
      return config == null ? ClawgateConfig.empty() : config;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(file + ": unknown key '" + path(e) + "' (see docs/configuration.md for the keys)");
    } catch (JsonMappingException e) {
      throw new ConfigException(file + ": wrong value at '" + path(e) + "': " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static int port(String fromEnv, Integer fromConfig) {
    if (fromEnv != null) {
      try {
        return checkPort("CLAWGATE_PORT", Integer.parseInt(fromEnv.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException("CLAWGATE_PORT must be a number from 0 to 65535, got '" + fromEnv + "'");
      }
    }
    return fromConfig == null ? Settings.DEFAULT_PORT : checkPort("gateway.port", fromConfig);
  }

  private static int checkPort(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new ConfigException(key + " must be from 0 to 65535, got " + port);
    }
    return port;
  }

  /** {@code loopback} (default) → 127.0.0.1; {@code lan} → all interfaces; anything else is taken as an address. */
  static String bindHost(String bind) {
    switch (bind.trim().toLowerCase()) {
      case "loopback":
      case "localhost":
        return "127.0.0.1";
      case "lan":
      case "all":
        return "0.0.0.0";
      default:
        if (!bind.matches("[0-9a-fA-F.:]+")) {
          throw new ConfigException("CLAWGATE_BIND / gateway.bind must be loopback, lan or an IP address, got '"
              + bind + "'");
        }
        return bind.trim();
    }
  }

  /** Each entry must be an origin ({@code scheme://host[:port]}, http or https) or {@code "*"}. */
  static List<String> allowedOrigins(List<String> configured) {
    if (configured == null) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      String origin = configured.get(i);
      if (origin == null || !(OriginPolicy.ANY.equals(origin.trim()) || OriginPolicy.normalize(origin).isPresent())) {
        throw new ConfigException("gateway.allowedOrigins[" + i + "] must be an origin like https://host:8443 "
            + "(scheme, host and optional port, no path) or \"*\", got '" + origin + "'");
      }
      origins.add(origin.trim());
    }
    return List.copyOf(origins);
  }

  private ClawgateConfig.Providers providers(ClawgateConfig.Providers fromConfig) {
    ClawgateConfig.Providers base = fromConfig == null ? new ClawgateConfig.Providers(null, null, null) : fromConfig;
    return new ClawgateConfig.Providers(
        new ClawgateConfig.Provider(
            first(env("OPENAI_API_KEY"), base.openai() == null ? null : base.openai().apiKey(), null),
            first(env("OPENAI_BASE_URL"), base.openai() == null ? null : base.openai().baseUrl(), null)),
        new ClawgateConfig.Provider(
            first(env("ANTHROPIC_API_KEY"), base.anthropic() == null ? null : base.anthropic().apiKey(), null),
            first(env("ANTHROPIC_BASE_URL"), base.anthropic() == null ? null : base.anthropic().baseUrl(), null)),
        new ClawgateConfig.Provider(null,
            first(env("OLLAMA_BASE_URL"), base.ollama() == null ? null : base.ollama().baseUrl(), null)));
  }

  /** Builds a full model spec from {@code provider:model}, with that provider's key and base URL. */
  static ModelSpec model(String spec, ClawgateConfig.Providers providers) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    try {
      ModelSpec parsed = ModelSpec.parse(spec, null, null);
      ClawgateConfig.Provider provider;
      switch (parsed.provider()) {
        case "openai":
          provider = providers.openai();
          break;
        case "anthropic":
          provider = providers.anthropic();
          break;
        default:
          provider = providers.ollama();
          break;
      }
      return new ModelSpec(parsed.provider(), parsed.model(), provider.baseUrl(), provider.apiKey());
    } catch (InvalidModelSpecException e) {
      throw new ConfigException("CLAWGATE_MODEL / model: " + e.getMessage());
    }
  }

  private static AgentCatalog agents(Path stateDir, ClawgateConfig.Agents config, ClawgateConfig.Providers providers) {
    String defaultId = config == null || config.defaultId() == null ? SessionKey.DEFAULT_AGENT_ID : config.defaultId();
    String mainKey = config == null || config.mainKey() == null ? SessionKey.DEFAULT_MAIN_KEY : config.mainKey();
    if (!mainKey.matches("[A-Za-z0-9_.@+-]+")) {
      throw new ConfigException("agents.mainKey may only contain letters, digits and _ . @ + -, got '" + mainKey + "'");
    }
    List<AgentDefinition> list = new ArrayList<>();
    List<ClawgateConfig.Agent> configured = config == null || config.list() == null ? List.of() : config.list();
    for (int i = 0; i < configured.size(); i++) {
      ClawgateConfig.Agent agent = configured.get(i);
      if (!SessionKey.isValidAgentId(agent.id())) {
        throw new ConfigException("agents.list[" + i + "].id must be lower-case letters, digits, _ or -, got '"
            + agent.id() + "'");
      }
      if (agent.model() != null) {
        model(agent.model(), providers);
      }
      list.add(new AgentDefinition(agent.id(), agent.name() == null ? capitalize(agent.id()) : agent.name(),
          agent.systemPrompt() == null ? AgentDefinition.DEFAULT_SYSTEM_PROMPT : agent.systemPrompt(),
          agent.workspace() == null ? defaultWorkspace(stateDir, agent.id()) : Path.of(agent.workspace()),
          agent.model()));
    }
    if (list.stream().noneMatch(a -> a.id().equals(defaultId))) {
      if (!SessionKey.isValidAgentId(defaultId)) {
        throw new ConfigException("agents.defaultId must be a valid agent id, got '" + defaultId + "'");
      }
      list.add(0, new AgentDefinition(defaultId, capitalize(defaultId), AgentDefinition.DEFAULT_SYSTEM_PROMPT,
          defaultWorkspace(stateDir, defaultId), null));
    }
    try {
      return new AgentCatalog(list, defaultId, mainKey);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("agents: " + e.getMessage());
    }
  }

  private static int maxConcurrent(ClawgateConfig.Agents config) {
    Integer value = config == null ? null : config.maxConcurrent();
    if (value == null) {
      return Settings.DEFAULT_MAX_CONCURRENT;
    }
    if (value < 1 || value > 1024) {
      throw new ConfigException("agents.maxConcurrent must be from 1 to 1024, got " + value);
    }
    return value;
  }

  /**
   * Each agent's heartbeat: the agent's own block, else the top-level one, else every 30 minutes. With no model
   * configured heartbeats stay off: every one of them would only fail.
   */
  private static Map<String, HeartbeatSettings> heartbeats(ClawgateConfig config, AgentCatalog agents,
      boolean haveModel) {
    Map<String, HeartbeatSettings> result = new java.util.LinkedHashMap<>();
    List<ClawgateConfig.Agent> configured = config.agents() == null || config.agents().list() == null ? List.of()
        : config.agents().list();
    for (dev.clawgate.agent.AgentDefinition agent : agents.all()) {
      ClawgateConfig.Heartbeat own = configured.stream().filter(a -> agent.id().equals(a.id()))
          .map(ClawgateConfig.Agent::heartbeat).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      String where = own != null ? "agents.list[" + agent.id() + "].heartbeat" : "heartbeat";
      ClawgateConfig.Heartbeat block = own != null ? own : config.heartbeat();
      result.put(agent.id(), heartbeat(where, block, haveModel));
    }
    return result;
  }

  private static HeartbeatSettings heartbeat(String where, ClawgateConfig.Heartbeat block, boolean haveModel) {
    try {
      long every = block == null || block.every() == null ? HeartbeatSettings.DEFAULT_EVERY_MS
          : DurationText.parseMillis(block.every());
      dev.clawgate.heartbeat.ActiveHours hours = block == null || block.activeHours() == null ? null
          : new dev.clawgate.heartbeat.ActiveHours(block.activeHours().start(), block.activeHours().end(),
              block.activeHours().timezone() == null ? java.time.ZoneId.systemDefault().getId()
                  : block.activeHours().timezone());
      return new HeartbeatSettings(every, hours, block == null ? null : block.prompt(),
          block == null || block.target() == null ? HeartbeatSettings.TARGET_LAST : block.target(),
          block == null || block.ackMaxChars() == null ? HeartbeatSettings.DEFAULT_ACK_MAX_CHARS : block.ackMaxChars(),
          haveModel);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  private static QueuePolicy queuePolicy(ClawgateConfig.Session session) {
    ClawgateConfig.Queue queue = session == null ? null : session.queue();
    if (queue == null) {
      return QueuePolicy.DEFAULTS;
    }
    try {
      return new QueuePolicy(
          queue.mode() == null ? QueuePolicy.DEFAULTS.mode() : QueueMode.fromWire(queue.mode()),
          queue.debounceMs() == null ? 0 : queue.debounceMs(),
          queue.cap() == null ? QueuePolicy.DEFAULT_CAP : queue.cap(),
          queue.drop() == null ? QueuePolicy.DEFAULTS.drop() : DropPolicy.fromWire(queue.drop()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("session.queue: " + e.getMessage());
    }
  }

  private static Path defaultWorkspace(Path stateDir, String agentId) {
    return stateDir.resolve("agents").resolve(agentId).resolve("workspace");
  }

  private static long positive(String key, Long value, long fallback) {
    if (value == null) {
      return fallback;
    }
    if (value <= 0) {
      throw new ConfigException(key + " must be positive, got " + value);
    }
    return value;
  }

  private static String capitalize(String id) {
    return id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }

  private String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return fallback;
  }
}
