package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The sessions index as one JSON file, {@code <folder>/sessions.json}: an object keyed by session key.
 *
 * <p>The index is small and read far more often than written, so it lives in memory (loaded once) and every
 * update rewrites the whole file atomically ({@link AtomicJsonFile}): a crash leaves either the old index or the
 * new one, never half of each. Updates are serialized
 * by one lock, because they all rewrite the same file; reads take an immutable snapshot and never wait.
 */
public final class DiskSessionStore implements SessionStore {

  static final String FILE_NAME = "sessions.json";

  private static final TypeReference<TreeMap<String, SessionInfo>> INDEX = new TypeReference<>() {};
  private static final Comparator<SessionInfo> NEWEST_FIRST =
      Comparator.comparingLong(SessionInfo::updatedAt).reversed().thenComparing(SessionInfo::key,
          Comparator.nullsLast(Comparator.naturalOrder()));

  private final AtomicJsonFile file;
  private final Object writeLock = new Object();
  /** Replaced, never mutated, so readers need no lock. Sorted by key so the file diffs well. */
  private volatile Map<String, SessionInfo> rows;

  public DiskSessionStore(Path folder) {
    Objects.requireNonNull(folder, "folder");
    this.file = new AtomicJsonFile(folder.resolve(FILE_NAME), "sessions index");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sessions folder " + folder, e);
    }
    this.rows = load(file);
  }

  @Override
  public Optional<SessionInfo> get(String sessionKey) {
    return Optional.ofNullable(rows.get(sessionKey));
  }

  @Override
  public List<SessionInfo> list() {
    return rows.values().stream().sorted(NEWEST_FIRST).toList();
  }

  @Override
  public SessionInfo update(String sessionKey, SessionInfo initial, UnaryOperator<SessionInfo> change) {
    Objects.requireNonNull(sessionKey, "session key");
    Objects.requireNonNull(change, "change");
    synchronized (writeLock) {
      SessionInfo current = rows.getOrDefault(sessionKey, initial);
      Objects.requireNonNull(current, "initial row for a new session " + sessionKey);
      SessionInfo next = Objects.requireNonNull(change.apply(current), "the changed row");
      TreeMap<String, SessionInfo> updated = new TreeMap<>(rows);
      updated.put(sessionKey, next);
      // Disk first: if the write fails, memory still agrees with the file.
      file.write(updated);
      rows = Collections.unmodifiableMap(updated);
      return next;
    }
  }

  @Override
  public void remove(String sessionKey) {
    synchronized (writeLock) {
      if (!rows.containsKey(sessionKey)) {
        return;
      }
      TreeMap<String, SessionInfo> updated = new TreeMap<>(rows);
      updated.remove(sessionKey);
      file.write(updated);
      rows = Collections.unmodifiableMap(updated);
    }
  }

  private static Map<String, SessionInfo> load(AtomicJsonFile file) {
    TreeMap<String, SessionInfo> index = file.read(INDEX).orElseGet(TreeMap::new);
    if (index.containsValue(null)) {
      // Starting empty would overwrite every session's row on the next update: refuse instead.
      throw file.corrupt("a row is null", null);
    }
    return Collections.unmodifiableMap(index);
  }
}
