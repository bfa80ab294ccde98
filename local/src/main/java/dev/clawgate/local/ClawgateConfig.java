package dev.clawgate.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The configuration of a self-hosted gateway, as plain data: the shape of {@code clawgate.json}, after
 * environment overrides. Every key is documented in docs/configuration.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClawgateConfig(Gateway gateway, Temporal temporal, String model, Providers providers, Agents agents,
    Session session, Heartbeat heartbeat, Hooks hooks) {

  /**
   * @param allowedOrigins web page origins ({@code https://host[:port]}) that may open the gateway WebSocket
   *     besides the gateway's own; {@code "*"} allows any page (local experiments only)
   */
  public record Gateway(Integer port, String bind, Auth auth, Long tickIntervalMs, Integer maxPayload,
      Long maxBufferedBytes, List<String> allowedOrigins) {}

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

  /** Webhooks ({@code POST /hooks/*}); off unless a token is set here or in {@code CLAWGATE_HOOKS_TOKEN}. */
  public record Hooks(String token, Integer maxBodyBytes, List<String> allowedSessionKeyPrefixes,
      List<HookMapping> mappings, RateLimit rateLimit) {}

  /** A named hook {@code POST /hooks/<name>}. */
  public record HookMapping(String name, String action, String agentId, String sessionKey, String messageTemplate) {}

  public record RateLimit(Integer perMinute, Integer burst) {}

  public static ClawgateConfig empty() {
    return new ClawgateConfig(null, null, null, null, null, null, null, null);
  }
}
