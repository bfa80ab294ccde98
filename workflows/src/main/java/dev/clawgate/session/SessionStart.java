package dev.clawgate.session;

import dev.clawgate.heartbeat.HeartbeatReport;
import dev.clawgate.heartbeat.HeartbeatSettings;

/**
 * The input of a session workflow run: which session, its queue policy and heartbeat settings, and what a
 * previous run carried over (the queue, when the last heartbeat was queued and how it went).
 *
 * @param policy the gateway's default policy when the session started, or as patched since (null: defaults)
 * @param heartbeat heartbeat settings (null: off; only main sessions get them)
 */
public record SessionStart(String sessionKey, QueuePolicy policy, HeartbeatSettings heartbeat,
    long lastHeartbeatAt, HeartbeatReport lastHeartbeat, SessionQueue.Snapshot carried) {

  public SessionStart {
    policy = policy == null ? QueuePolicy.DEFAULTS : policy;
    heartbeat = heartbeat == null ? HeartbeatSettings.OFF : heartbeat;
    carried = carried == null ? SessionQueue.Snapshot.EMPTY : carried;
  }

  public static SessionStart fresh(SessionKey key, QueuePolicy policy) {
    return new SessionStart(key.value(), policy, null, 0, null, SessionQueue.Snapshot.EMPTY);
  }
}
