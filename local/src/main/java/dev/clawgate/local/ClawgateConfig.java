package dev.clawgate.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The configuration of a self-hosted gateway, as plain data: the shape of {@code clawgate.json}, after
 * environment overrides. Every key is documented in docs/configuration.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClawgateConfig(Gateway gateway, Temporal temporal, String model, Providers providers, Agents agents,
    Session session, Heartbeat heartbeat) {

  public record Gateway(Integer port, String bind, Auth auth, Long tickIntervalMs, Integer maxPayload,
      Long maxBufferedBytes) {}

  public record Auth(String token) {}

  public record Temporal(String address, String namespace, String taskQueue) {}

  public record Providers(Provider openai, Provider anthropic, Provider ollama) {}

  public record Provider(String apiKey, String baseUrl) {}

  public record Agents(String defaultId, String mainKey, Integer maxConcurrent, List<Agent> list) {}

  public record Session(Queue queue) {}

  /** The default queue policy of every session: mode followup|collect|steer|interrupt, drop old|new|summarize. */
  public record Queue(String mode, Long debounceMs, Integer cap, String drop) {}

  public record Agent(String id, String name, String systemPrompt, String workspace, String model,
      Heartbeat heartbeat) {}

  /**
   * Heartbeat settings (top level: every agent; per agent: overrides). {@code every} is a duration such as
   * {@code 30m}, {@code 1h}, {@code 0} (off); {@code target} is {@code last} or {@code none}.
   */
  public record Heartbeat(String every, ActiveHours activeHours, String prompt, String target, Integer ackMaxChars) {}

  public record ActiveHours(String start, String end, String timezone) {}

  public static ClawgateConfig empty() {
    return new ClawgateConfig(null, null, null, null, null, null, null);
  }
}
