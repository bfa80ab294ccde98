package dev.clawgate.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A row of the sessions index: what {@code sessions.list} shows without reading transcripts.
 *
 * @param sessionId changes on every reset, so clients can tell one conversation from the next under a key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionInfo(
    String key,
    String agentId,
    String sessionId,
    long createdAt,
    long updatedAt,
    String lastRunId,
    long inputTokens,
    long outputTokens,
    long turns) {

  /** Counts a finished run; counting the same run again (an activity retry) changes nothing. */
  public SessionInfo afterRun(String runId, long inTokens, long outTokens, long now) {
    if (runId.equals(lastRunId)) {
      return this;
    }
    return new SessionInfo(key, agentId, sessionId, createdAt, now, runId,
        inputTokens + inTokens, outputTokens + outTokens, turns + 1);
  }

  public SessionInfo afterReset(String newSessionId, long now) {
    return new SessionInfo(key, agentId, newSessionId, createdAt, now, lastRunId, 0, 0, 0);
  }
}
