package dev.clawgate.transcript;

import java.util.UUID;

/** The index updates a run and a reset make, in one place for every activity that ends one. */
public final class SessionIndex {

  private final SessionStore store;

  public SessionIndex(SessionStore store) {
    this.store = store;
  }

  public SessionInfo recordRun(String sessionKey, String agentId, String runId, long inputTokens, long outputTokens) {
    long now = System.currentTimeMillis();
    return store.update(sessionKey, fresh(sessionKey, agentId, now),
        row -> row.afterRun(runId, inputTokens, outputTokens, now));
  }

  public SessionInfo recordReset(String sessionKey, String agentId) {
    long now = System.currentTimeMillis();
    return store.update(sessionKey, fresh(sessionKey, agentId, now),
        row -> row.afterReset(UUID.randomUUID().toString(), now));
  }

  public void remove(String sessionKey) {
    store.remove(sessionKey);
  }

  private static SessionInfo fresh(String sessionKey, String agentId, long now) {
    return new SessionInfo(sessionKey, agentId, UUID.randomUUID().toString(), now, now, null, 0, 0, 0);
  }
}
