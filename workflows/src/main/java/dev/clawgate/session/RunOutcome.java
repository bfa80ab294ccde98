package dev.clawgate.session;

/**
 * How a run ended. Kept by the session workflow (bounded) so a repeated idempotency key, {@code agent.wait}
 * and a client that reconnects all get the same answer.
 *
 * @param status {@code ok}, {@code error} or {@code aborted}
 * @param text the final assistant text (empty unless ok)
 * @param error a human-readable cause when not ok
 */
public record RunOutcome(
    String runId,
    String sessionKey,
    String status,
    String text,
    String error,
    long startedAtMs,
    long endedAtMs,
    long inputTokens,
    long outputTokens) {

  public static final String OK = "ok";
  public static final String ERROR = "error";
  public static final String ABORTED = "aborted";
  /** Never run: dropped at the queue cap (the sender is told why in {@code error}). */
  public static final String DROPPED = "dropped";

  static RunOutcome notRun(InboundMessage message, String status, String reason, long nowMs) {
    return new RunOutcome(message.runId(), message.sessionKey(), status, "", reason, nowMs, nowMs, 0, 0);
  }

  /** The same outcome answering another message of the same turn (collected or steered into it). */
  public RunOutcome forRun(String otherRunId) {
    return new RunOutcome(otherRunId, sessionKey, status, text, error, startedAtMs, endedAtMs, inputTokens,
        outputTokens);
  }

  public boolean ok() {
    return OK.equals(status);
  }

  public long durationMs() {
    return Math.max(0, endedAtMs - startedAtMs);
  }
}
