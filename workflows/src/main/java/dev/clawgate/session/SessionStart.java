package dev.clawgate.session;

/** The input of a session workflow run: which session, and what a previous run carried over. */
public record SessionStart(String sessionKey, SessionQueue.Snapshot carried) {

  public static SessionStart fresh(SessionKey key) {
    return new SessionStart(key.value(), SessionQueue.Snapshot.EMPTY);
  }
}
