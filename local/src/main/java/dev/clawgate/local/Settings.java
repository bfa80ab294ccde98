package dev.clawgate.local;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.ModelSpec;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.hooks.HooksConfig;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.temporal.TemporalEndpoint;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The resolved settings a gateway starts from: config file and environment merged, defaults filled in,
 * everything validated. Built by {@link SettingsLoader}; secrets never appear in {@link #toString()}.
 *
 * @param temporal the Temporal server and its credentials, or null for the embedded test server
 * @param temporalNamespace the namespace (the same as {@code temporal.namespace()} when a server is set)
 */
public record Settings(
    Path stateDir,
    String bindHost,
    int port,
    String token,
    String tokenSource,
    long tickIntervalMs,
    int maxPayload,
    long maxBufferedBytes,
    List<String> allowedOrigins,
    TemporalEndpoint temporal,
    String temporalNamespace,
    String taskQueue,
    ModelSpec model,
    ClawgateConfig.Providers providers,
    AgentCatalog agents,
    int maxConcurrentRuns,
    QueuePolicy queuePolicy,
    Map<String, HeartbeatSettings> heartbeats,
    Duration modelTimeout,
    HooksConfig hooks) {

  public static final int DEFAULT_PORT = 18789;
  public static final String DEFAULT_TASK_QUEUE = "clawgate-sessions";
  /** Model calls running at once across all sessions of this worker (OpenClaw's agents.defaults.maxConcurrent). */
  public static final int DEFAULT_MAX_CONCURRENT = 8;

  public boolean embeddedTemporal() {
    return temporal == null;
  }

  /** {@code host:port} of the Temporal server, or null for the embedded one. */
  public String temporalAddress() {
    return temporal == null ? null : temporal.address();
  }

  public Path sessionsDir() {
    return stateDir.resolve("sessions");
  }

  /** Paired devices and pending pairing requests. */
  public Path devicesDir() {
    return stateDir.resolve("devices");
  }

  /** Cron jobs and their run history. */
  public Path cronDir() {
    return stateDir.resolve("cron");
  }

  public AgentDefinition defaultAgent() {
    return agents.resolve(agents.defaultId());
  }

  /**
   * The effective settings as {@code config.get} shows them: every secret replaced by whether it is set, so an
   * operator can check configuration without the gateway ever handing out a key or token.
   */
  public Map<String, Object> redactedView() {
    Map<String, Object> view = new java.util.LinkedHashMap<>();
    view.put("stateDir", stateDir.toString());
    view.put("gateway", Map.of("bind", bindHost, "port", port, "auth", Map.of("token", "<redacted>",
        "tokenSource", tokenSource), "tickIntervalMs", tickIntervalMs, "maxPayload", maxPayload,
        "maxBufferedBytes", maxBufferedBytes));
    view.put("temporal", Map.of("address", temporal == null ? "embedded" : temporal.address(),
        "namespace", temporalNamespace, "taskQueue", taskQueue, "tls", temporal != null && temporal.tls(),
        "apiKey", temporal == null || temporal.apiKey() == null ? "<not set>" : "<redacted>",
        "clientCert", temporal == null || temporal.clientCertPem() == null ? "<not set>" : "<set>"));
    Map<String, Object> modelView = new java.util.LinkedHashMap<>();
    modelView.put("model", model == null ? null : model.label());
    modelView.put("baseUrl", model == null ? null : model.baseUrl());
    modelView.put("apiKey", model == null || model.apiKey() == null ? "<not set>" : "<redacted>");
    view.put("model", modelView);
    java.util.List<Map<String, Object>> agentViews = new java.util.ArrayList<>();
    for (dev.clawgate.agent.AgentDefinition agent : agents.all()) {
      agentViews.add(Map.of("id", agent.id(), "name", agent.name(), "workspace", agent.workspace().toString(),
          "model", agent.model() == null ? "default" : agent.model()));
    }
    view.put("agents", Map.of("defaultId", agents.defaultId(), "mainKey", agents.mainKey(), "maxConcurrent",
        maxConcurrentRuns, "list", agentViews));
    view.put("session", Map.of("queue", Map.of("mode", queuePolicy.mode().wireName(), "debounceMs",
        queuePolicy.debounceMs(), "cap", queuePolicy.cap(), "drop", queuePolicy.drop().wireName())));
    return view;
  }

  @Override
  public String toString() {
    return "Settings[stateDir=" + stateDir + ", bind=" + bindHost + ":" + port + ", token=*** (" + tokenSource
        + "), temporal=" + (temporal == null ? "embedded" : temporal.describe()) + ", model="
        + (model == null ? "none" : model.label()) + ", hooks=" + (hooks.enabled() ? "on" : "off") + "]";
  }
}
