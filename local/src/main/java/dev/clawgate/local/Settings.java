package dev.clawgate.local;

import dev.clawgate.agent.AgentCatalog;
import dev.clawgate.agent.AgentDefinition;
import dev.clawgate.agent.ModelSpec;
import dev.clawgate.heartbeat.HeartbeatSettings;
import dev.clawgate.session.QueuePolicy;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The resolved settings a gateway starts from: config file and environment merged, defaults filled in,
 * everything validated. Built by {@link SettingsLoader}; secrets never appear in {@link #toString()}.
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
    String temporalAddress,
    String temporalNamespace,
    String taskQueue,
    ModelSpec model,
    ClawgateConfig.Providers providers,
    AgentCatalog agents,
    int maxConcurrentRuns,
    QueuePolicy queuePolicy,
    Map<String, HeartbeatSettings> heartbeats,
    Duration modelTimeout) {

  public static final int DEFAULT_PORT = 18789;
  public static final String DEFAULT_TASK_QUEUE = "clawgate-sessions";
  /** Model calls running at once across all sessions of this worker (OpenClaw's agents.defaults.maxConcurrent). */
  public static final int DEFAULT_MAX_CONCURRENT = 8;

  public boolean embeddedTemporal() {
    return temporalAddress == null;
  }

  public Path sessionsDir() {
    return stateDir.resolve("sessions");
  }

  public AgentDefinition defaultAgent() {
    return agents.resolve(agents.defaultId());
  }

  @Override
  public String toString() {
    return "Settings[stateDir=" + stateDir + ", bind=" + bindHost + ":" + port + ", token=*** (" + tokenSource
        + "), temporal=" + (temporalAddress == null ? "embedded" : temporalAddress) + ", model="
        + (model == null ? "none" : model.label()) + "]";
  }
}
