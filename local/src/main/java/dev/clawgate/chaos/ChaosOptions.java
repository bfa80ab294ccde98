package dev.clawgate.chaos;

import java.nio.file.Path;
import java.util.List;

/**
 * The size and shape of a chaos run.
 *
 * @param sessions sessions driven at once
 * @param messages messages each session sends at least; sessions keep sending until the last kill is done
 * @param kills SIGKILLs of the gateway
 * @param seed decides the message mix, the intervals and the aims
 * @param minIntervalMs shortest time from "listening again" to the next kill
 * @param maxIntervalMs longest such time
 * @param depth messages a session has unanswered at once (the rest of them wait in its durable queue)
 * @param toolPercent share of messages that make a tool call
 * @param slowPercent share of messages that stream slowly
 * @param slowMs first-token delay of slow messages
 * @param firstTokenDelayMs the stub's first-token delay for the others
 * @param tokensPerSecond the stub's pace after the first token
 * @param temporalAddress a running Temporal server to use, or null to start {@code temporal server start-dev}
 * @param temporalNamespace namespace on that server
 * @param temporalBinary the {@code temporal} executable for start-dev
 * @param suggestContinueAsNewEvents the started server's continue-as-new suggestion threshold; 0 keeps its default
 * @param workDir where state, logs and the Temporal database go; null for a fresh temp dir
 * @param keep keep the work dir even when the run passed
 * @param messageTimeoutMs longest a message may take from first send to final answer
 * @param drainTimeoutMs after the last kill, how long unanswered messages may take
 * @param restartTimeoutMs longest the gateway may take to listen after a start
 * @param gatewayJvmOptions options for the child JVM
 */
public record ChaosOptions(
    int sessions, int messages, int kills, long seed,
    long minIntervalMs, long maxIntervalMs, int depth,
    int toolPercent, int slowPercent, long slowMs, long firstTokenDelayMs, double tokensPerSecond,
    String temporalAddress, String temporalNamespace, String temporalBinary, int suggestContinueAsNewEvents,
    Path workDir, boolean keep, long messageTimeoutMs, long drainTimeoutMs, long restartTimeoutMs,
    List<String> gatewayJvmOptions) {

  /** The server's default continue-as-new threshold (dynamic config limit.historyCount.suggestContinueAsNew). */
  public static final int SERVER_DEFAULT_SUGGEST_EVENTS = 4 * 1024;

  public ChaosOptions {
    require(sessions >= 1, "--sessions must be at least 1");
    require(messages >= 1, "--messages must be at least 1");
    require(kills >= 0, "--kills must be 0 or more");
    require(minIntervalMs >= 100 && maxIntervalMs >= minIntervalMs,
        "--min-interval-ms must be >= 100 and --max-interval-ms >= --min-interval-ms");
    require(depth >= 1 && depth <= 10, "--depth must be 1..10 (a real server allows 10 updates in flight)");
    require(toolPercent >= 0 && slowPercent >= 0 && toolPercent + slowPercent <= 100,
        "--tool-percent and --slow-percent must be >= 0 and add up to at most 100");
    require(slowMs >= 0 && firstTokenDelayMs >= 0 && tokensPerSecond >= 0, "delays and rates must be >= 0");
    require(suggestContinueAsNewEvents >= 0, "--can-suggest-events must be >= 0");
    require(messageTimeoutMs > 0 && drainTimeoutMs > 0 && restartTimeoutMs > 0, "timeouts must be positive");
    gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The continue-as-new threshold the server uses, when this harness knows it; 0 when not. */
  int knownSuggestEvents() {
    if (temporalAddress != null) {
      return 0;
    }
    return suggestContinueAsNewEvents > 0 ? suggestContinueAsNewEvents : SERVER_DEFAULT_SUGGEST_EVENTS;
  }
}
