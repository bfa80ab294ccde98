package dev.clawgate.transcript;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Port: the sessions index. Only a session's own workflow (through its activities) writes its row, so
 * {@link #update} needs no cross-writer locking beyond what keeps the index file or table consistent.
 */
public interface SessionStore {

  Optional<SessionInfo> get(String sessionKey);

  List<SessionInfo> list();

  /**
   * Replaces a row with {@code change} applied to it ({@code initial} when absent), atomically.
   *
   * @return the row as stored
   */
  SessionInfo update(String sessionKey, SessionInfo initial, UnaryOperator<SessionInfo> change);

  /** Removes a row ({@code sessions.delete}); the transcript itself is kept, closed by a reset entry. */
  void remove(String sessionKey);
}
