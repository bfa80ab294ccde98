package dev.clawgate.transcript;

/**
 * Derives transcript entry ids from a run id and a step. Deterministic ids are what make appends idempotent:
 * a retried activity writes an entry with the same id, and the store keeps the first.
 */
public final class EntryIds {
  private EntryIds() {}

  public static String user(String runId) {
    return runId + ":user";
  }

  public static String assistant(String runId, int step) {
    return runId + ":a" + step;
  }

  /** What a step had streamed when it was cancelled; a separate id, so a later answer is never shadowed. */
  public static String abortedPartial(String runId, int step) {
    return runId + ":p" + step;
  }

  public static String toolStarted(String runId, int step, String callId) {
    return runId + ":ts" + step + ":" + callId;
  }

  public static String toolResult(String runId, int step, String callId) {
    return runId + ":t" + step + ":" + callId;
  }

  public static String failure(String runId) {
    return runId + ":end";
  }

  public static String reset(String runId) {
    return runId + ":reset";
  }
}
