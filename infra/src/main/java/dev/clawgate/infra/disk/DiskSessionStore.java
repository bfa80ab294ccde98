package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * update rewrites the whole file: a temp file in the same folder, forced to the device, then moved over the old
 * one atomically. A crash leaves either the old index or the new one, never half of each. Updates are serialized
 * by one lock, because they all rewrite the same file; reads take an immutable snapshot and never wait.
 */
public final class DiskSessionStore implements SessionStore {

  static final String FILE_NAME = "sessions.json";
  private static final String TEMP_NAME = FILE_NAME + ".tmp";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TypeReference<TreeMap<String, SessionInfo>> INDEX = new TypeReference<>() {};
  private static final Comparator<SessionInfo> NEWEST_FIRST =
      Comparator.comparingLong(SessionInfo::updatedAt).reversed().thenComparing(SessionInfo::key,
          Comparator.nullsLast(Comparator.naturalOrder()));

  private final Path folder;
  private final Path file;
  private final Object writeLock = new Object();
  /** Replaced, never mutated, so readers need no lock. Sorted by key so the file diffs well. */
  private volatile Map<String, SessionInfo> rows;

  public DiskSessionStore(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.file = folder.resolve(FILE_NAME);
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
      write(updated);
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
      write(updated);
      rows = Collections.unmodifiableMap(updated);
    }
  }

  private void write(Map<String, SessionInfo> index) {
    Path temp = folder.resolve(TEMP_NAME);
    try {
      ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(index));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(folder);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write the sessions index " + file, e);
    }
  }

  private static Map<String, SessionInfo> load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sessions index " + file, e);
    }
    try {
      TreeMap<String, SessionInfo> index = JSON.readValue(bytes, INDEX);
      if (index == null) {
        throw new IOException("it holds null, not an object of rows");
      }
      if (index.containsValue(null)) {
        throw new IOException("a row is null");
      }
      return Collections.unmodifiableMap(index);
    } catch (IOException e) {
      // Starting empty would overwrite every session's row on the next update: refuse instead.
      throw new IllegalStateException("the sessions index " + file + " is corrupt (" + e.getMessage()
          + "); fix it, or move it away to start with an empty index", e);
    }
  }

  /** Makes the rename durable; best effort, as not every platform can open a folder. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its rename is durable once it returns.
    }
  }
}
