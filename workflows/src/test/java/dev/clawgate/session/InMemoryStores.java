package dev.clawgate.session;

import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Test-only, thread-safe in-memory implementations of the transcript and session ports, for workflow tests
 * (activities run on several worker threads at once) and as a reference for the store contract tests.
 */
public final class InMemoryStores {

  private final Transcripts transcripts = new Transcripts();
  private final Sessions sessions = new Sessions();

  public Transcripts transcripts() {
    return transcripts;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** Transcripts: append is idempotent on the entry id and links each entry to the one before it. */
  public static final class Transcripts implements TranscriptStore {

    private final Map<String, SessionLog> logs = new HashMap<>();

    @Override
    public synchronized boolean append(String sessionKey, TranscriptEntry entry) {
      Objects.requireNonNull(sessionKey, "sessionKey");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(entry.id(), "entry id");
      SessionLog log = logs.computeIfAbsent(sessionKey, k -> new SessionLog());
      if (log.byId.containsKey(entry.id())) {
        return false;
      }
      String parent = log.entries.isEmpty() ? null : log.entries.get(log.entries.size() - 1).id();
      TranscriptEntry stored = entry.withParentId(parent);
      log.entries.add(stored);
      log.byId.put(stored.id(), stored);
      return true;
    }

    @Override
    public synchronized Optional<TranscriptEntry> find(String sessionKey, String entryId) {
      SessionLog log = logs.get(sessionKey);
      return log == null ? Optional.empty() : Optional.ofNullable(log.byId.get(entryId));
    }

    @Override
    public synchronized List<TranscriptEntry> readAll(String sessionKey) {
      SessionLog log = logs.get(sessionKey);
      return log == null ? List.of() : List.copyOf(log.entries);
    }

    private static final class SessionLog {
      final List<TranscriptEntry> entries = new ArrayList<>();
      final Map<String, TranscriptEntry> byId = new HashMap<>();
    }
  }

  /** The sessions index: {@link #update} is atomic per key; {@link #list} shows the most recently updated first. */
  public static final class Sessions implements SessionStore {

    private final ConcurrentHashMap<String, SessionInfo> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<SessionInfo> get(String sessionKey) {
      return Optional.ofNullable(rows.get(sessionKey));
    }

    @Override
    public List<SessionInfo> list() {
      List<SessionInfo> all = new ArrayList<>(rows.values());
      all.sort(Comparator.comparingLong(SessionInfo::updatedAt).reversed().thenComparing(SessionInfo::key));
      return all;
    }

    @Override
    public SessionInfo update(String sessionKey, SessionInfo initial, UnaryOperator<SessionInfo> change) {
      Objects.requireNonNull(sessionKey, "sessionKey");
      Objects.requireNonNull(initial, "initial");
      return rows.compute(sessionKey,
          (key, current) -> Objects.requireNonNull(change.apply(current == null ? initial : current), "changed row"));
    }

    @Override
    public void remove(String sessionKey) {
      rows.remove(sessionKey);
    }
  }
}
