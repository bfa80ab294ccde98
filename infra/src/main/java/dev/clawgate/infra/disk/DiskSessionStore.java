package dev.clawgate.infra.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The sessions index on disk: a snapshot, {@code <folder>/sessions.json} (an object keyed by session key), and a
 * journal of the changes since, {@code <folder>/sessions.journal.jsonl} (one line per change: the whole new row,
 * or a removal).
 *
 * <p><b>Why a journal.</b> Every finished run updates its session's row. Rewriting the whole index for each one
 * cost time and CPU in proportion to the number of sessions, under one lock for all of them, and two forced
 * writes (file and folder) per run: with a few thousand sessions that capped the whole gateway at around a
 * hundred runs per second. Appending one line costs the same whatever the number of sessions.
 *
 * <p><b>Durability.</b> {@link #update} returns only once its line is forced to the device. Concurrent updates
 * share one force (group commit): whoever forces first covers every line written before it, so a hundred
 * sessions finishing at once wait for a few forces, not a hundred. A crash can leave a torn last line; loading
 * ignores it and the next append cuts it off. A line that is broken and followed by others is not a torn write:
 * loading stops with an error naming the file, as for a corrupt snapshot.
 *
 * <p><b>Compaction.</b> Once the journal holds more lines than the index has rows (and at least
 * {@value #MIN_LINES_BEFORE_COMPACTION}), the snapshot is rewritten atomically ({@link AtomicJsonFile}) and the
 * journal emptied. A crash between the two is harmless: each line holds a whole row, so replaying old lines
 * over the new snapshot ends in the same rows.
 *
 * <p>Reads come from memory and never wait. Changes are ordered by one lock (memory and journal stay in step);
 * forcing happens outside it.
 */
public final class DiskSessionStore implements SessionStore {

  static final String FILE_NAME = "sessions.json";
  static final String JOURNAL_NAME = "sessions.journal.jsonl";
  static final int MIN_LINES_BEFORE_COMPACTION = 1_000;

  private static final TypeReference<TreeMap<String, SessionInfo>> INDEX = new TypeReference<>() {};
  private static final ObjectWriter LINE_WRITER = AtomicJsonFile.JSON.writerFor(JournalLine.class)
      .without(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectReader LINE_READER = AtomicJsonFile.JSON.readerFor(JournalLine.class);
  private static final Comparator<SessionInfo> NEWEST_FIRST =
      Comparator.comparingLong(SessionInfo::updatedAt).reversed().thenComparing(SessionInfo::key,
          Comparator.nullsLast(Comparator.naturalOrder()));
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** One journal line: {@code row} is the session's whole new row, or {@code removed} is true. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record JournalLine(String key, SessionInfo row, Boolean removed) {}

  private final AtomicJsonFile snapshot;
  private final Path journalPath;
  /** Sorted by key so the snapshot diffs well. */
  private final ConcurrentSkipListMap<String, SessionInfo> rows;
  /** Orders changes: memory, journal bytes and {@link #written} move together. Taken after {@link #forceLock}. */
  private final Object writeLock = new Object();
  /** One force at a time; the one that runs covers every line written before it. */
  private final Object forceLock = new Object();
  private FileChannel journal;
  /** Bytes appended to the journal since it was last emptied; guarded by {@link #writeLock}. */
  private long written;
  private int journalLines;
  /** How much of the journal is known to be on the device; only grows until the journal is emptied. */
  private volatile long forced;
  /** Bumped when the journal is emptied, so a waiting force knows its line is in the snapshot now. */
  private volatile long generation;
  /** {@link #list()} sorted once per change rather than once per call (every {@code hello-ok} asks). */
  private volatile List<SessionInfo> newestFirst;

  public DiskSessionStore(Path folder) {
    Objects.requireNonNull(folder, "folder");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sessions folder " + folder, e);
    }
    this.snapshot = new AtomicJsonFile(folder.resolve(FILE_NAME), "sessions index");
    this.journalPath = folder.resolve(JOURNAL_NAME);
    this.rows = load(snapshot);
    long validLength = replayJournal();
    this.journal = openJournal(validLength);
    this.written = validLength;
    this.forced = validLength;
  }

  @Override
  public Optional<SessionInfo> get(String sessionKey) {
    return Optional.ofNullable(rows.get(sessionKey));
  }

  @Override
  public List<SessionInfo> list() {
    List<SessionInfo> sorted = newestFirst;
    if (sorted == null) {
      sorted = rows.values().stream().sorted(NEWEST_FIRST).toList();
      newestFirst = sorted;
    }
    return sorted;
  }

  @Override
  public SessionInfo update(String sessionKey, SessionInfo initial, UnaryOperator<SessionInfo> change) {
    Objects.requireNonNull(sessionKey, "session key");
    Objects.requireNonNull(change, "change");
    SessionInfo next;
    long end;
    long inGeneration;
    synchronized (writeLock) {
      SessionInfo current = rows.getOrDefault(sessionKey, initial);
      Objects.requireNonNull(current, "initial row for a new session " + sessionKey);
      next = Objects.requireNonNull(change.apply(current), "the changed row");
      // Disk first: if the append fails, memory still agrees with the file.
      end = append(new JournalLine(sessionKey, next, null));
      inGeneration = generation;
      rows.put(sessionKey, next);
      newestFirst = null;
    }
    forceUpTo(end, inGeneration);
    compactIfDue();
    return next;
  }

  @Override
  public void remove(String sessionKey) {
    long end;
    long inGeneration;
    synchronized (writeLock) {
      if (!rows.containsKey(sessionKey)) {
        return;
      }
      end = append(new JournalLine(sessionKey, null, true));
      inGeneration = generation;
      rows.remove(sessionKey);
      newestFirst = null;
    }
    forceUpTo(end, inGeneration);
    compactIfDue();
  }

  /** Writes one line at the end of the journal (not yet forced); returns the journal's length after it. */
  private long append(JournalLine line) {
    byte[] bytes;
    try {
      bytes = (LINE_WRITER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize the row of " + line.key(), e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = written;
    try {
      while (buffer.hasRemaining()) {
        position += journal.write(buffer, position);
      }
    } catch (IOException e) {
      // Part of the line may be there: cut it off, so the next line starts where the last whole one ended.
      try {
        journal.truncate(written);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot append to the sessions journal " + journalPath, e);
    }
    written = position;
    journalLines++;
    return position;
  }

  /** Returns once the journal is on the device up to {@code end}, forcing it if no one else has yet. */
  private void forceUpTo(long end, long inGeneration) {
    if (forced >= end || generation != inGeneration) {
      return;
    }
    synchronized (forceLock) {
      if (forced >= end || generation != inGeneration) {
        return; // a force that ran while we waited covered our line, or a compaction put it in the snapshot
      }
      FileChannel channel;
      long upTo;
      synchronized (writeLock) {
        channel = journal;
        upTo = written;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot force the sessions journal " + journalPath, e);
      }
      forced = upTo;
    }
  }

  /** Rewrites the snapshot and empties the journal once the journal outgrew the index. */
  private void compactIfDue() {
    if (journalLines < Math.max(MIN_LINES_BEFORE_COMPACTION, rows.size())) {
      return;
    }
    synchronized (forceLock) {
      synchronized (writeLock) {
        if (journalLines < Math.max(MIN_LINES_BEFORE_COMPACTION, rows.size())) {
          return;
        }
        snapshot.write(new TreeMap<>(rows));
        try {
          journal.truncate(0);
          journal.force(false);
        } catch (IOException e) {
          // The snapshot holds every row: replaying the old lines over it later gives the same rows.
          throw new UncheckedIOException("cannot empty the sessions journal " + journalPath, e);
        }
        written = 0;
        journalLines = 0;
        forced = 0;
        generation++;
      }
    }
  }

  private static ConcurrentSkipListMap<String, SessionInfo> load(AtomicJsonFile file) {
    TreeMap<String, SessionInfo> index = file.read(INDEX).orElseGet(TreeMap::new);
    if (index.containsValue(null)) {
      // Starting empty would overwrite every session's row on the next update: refuse instead.
      throw file.corrupt("a row is null", null);
    }
    return new ConcurrentSkipListMap<>(index);
  }

  /** Applies the journal's lines to the rows; returns the length of its whole, valid lines. */
  private long replayJournal() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(journalPath);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sessions journal " + journalPath, e);
    }
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        break; // no newline: a torn write, cut off at the next append
      }
      lineNumber++;
      JournalLine line = parse(new String(bytes, start, end - start, StandardCharsets.UTF_8));
      if (line == null) {
        if (end == bytes.length - 1) {
          break; // a torn last line that happens to end in a newline
        }
        throw new IllegalStateException("the sessions journal " + journalPath + " line " + lineNumber
            + " is not a valid change, and lines follow it, so it is not a torn write: fix or remove it");
      }
      if (Boolean.TRUE.equals(line.removed())) {
        rows.remove(line.key());
      } else {
        rows.put(line.key(), line.row());
      }
      journalLines++;
      start = end + 1;
    }
    return start;
  }

  private static JournalLine parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      JournalLine line = LINE_READER.readValue(text);
      boolean valid = line != null && line.key() != null
          && (Boolean.TRUE.equals(line.removed()) || line.row() != null);
      return valid ? line : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Opens the journal for appending, owner-only, cutting off a torn last line. */
  private FileChannel openJournal(long validLength) {
    try {
      FileAttribute<?>[] ownerOnly = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      boolean created = !Files.exists(journalPath);
      FileChannel channel = FileChannel.open(journalPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          ownerOnly);
      if (created) {
        AtomicJsonFile.forceDirectory(journalPath.getParent());
      }
      if (channel.size() != validLength) {
        channel.truncate(validLength);
        channel.force(false);
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the sessions journal " + journalPath, e);
    }
  }
}
