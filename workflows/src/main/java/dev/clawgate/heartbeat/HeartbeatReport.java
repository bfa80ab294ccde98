package dev.clawgate.heartbeat;

/**
 * How one heartbeat went, for {@code last-heartbeat} and {@code heartbeat} events.
 *
 * @param status {@code ok-token} (ack, nothing delivered), {@code sent} (real reply delivered), {@code skipped}
 *     (real reply, target none), {@code failed}
 */
public record HeartbeatReport(String agentId, String sessionKey, String runId, String status, String preview,
    long ts, long durationMs) {

  public static final String OK_TOKEN = "ok-token";
  public static final String SENT = "sent";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";
}
