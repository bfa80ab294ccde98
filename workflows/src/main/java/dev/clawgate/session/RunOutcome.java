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

  public boolean ok() {
    return OK.equals(status);
  }

  public long durationMs() {
    return Math.max(0, endedAtMs - startedAtMs);
  }
}
