package dev.clawgate.functions.apigw;

/**
 * An {@code agent} request waiting for its run's final answer: where to post the run's events and the answer.
 *
 * @param kind what the request waits for; {@value #AGENT} (the final {@code agent} answer) for now
 */
public record PendingResponse(String runId, String connectionId, String requestId, String sessionKey,
    String agentId, String kind) {

  public static final String AGENT = "agent";

  /** The table's sort key: one run may be awaited by several requests, on several connections. */
  public String requestKey() {
    return connectionId + "#" + requestId;
  }
}
