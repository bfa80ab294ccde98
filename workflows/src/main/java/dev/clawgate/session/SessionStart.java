package dev.clawgate.session;

/**
 * The input of a session workflow run: which session, its queue policy, and what a previous run carried over.
 *
 * @param policy the gateway's default policy when the session started, or as patched since (null: defaults)
 */
public record SessionStart(String sessionKey, QueuePolicy policy, SessionQueue.Snapshot carried) {

  public SessionStart {
    policy = policy == null ? QueuePolicy.DEFAULTS : policy;
    carried = carried == null ? SessionQueue.Snapshot.EMPTY : carried;
  }

  public static SessionStart fresh(SessionKey key, QueuePolicy policy) {
    return new SessionStart(key.value(), policy, SessionQueue.Snapshot.EMPTY);
  }
}
