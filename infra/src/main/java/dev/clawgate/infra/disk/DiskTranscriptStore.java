package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Transcripts as one JSONL file per session key: a header line, then one {@link TranscriptEntry} per line.
 *
 * <p><b>Durability.</b> A run reports success only after its entries are stored, so {@link #append} forces the
 * line to the device ({@code FileChannel.force}) before it returns. A crash in the middle of a write can still
 * leave a torn last line; reading ignores it and the next append truncates it away, so the file stays valid
 * JSONL and nothing acknowledged is ever lost.
 *
 * <p><b>Idempotency.</b> Entry ids are derived from the run id and the step, so a retried activity appends an
 * entry that is already there. Each session keeps the set of its entry ids in memory (read from the file once,
 * on first use) and skips a known id; the same cache gives the previous entry's id for {@code parentId}.
 *
 * <p><b>Reading.</b> Every model step reads its session's whole transcript. The entries of the
 * {@value #CACHED_SESSIONS} most recently used sessions stay in memory, so a turn no longer re-reads and re-parses
 * the file (which cost time in proportion to the length of the conversation); a file whose size is not what we
 * left it is read again, as for appends.
 *
 * <p>Appends to one session are serialized by a lock per session key; different sessions never wait for each
 * other. The locks are per JVM: one process owns the folder.
 */
public final class DiskTranscriptStore implements TranscriptStore {

  static final String SUFFIX = ".jsonl";
  static final int HEADER_VERSION = 1;
  /** How many sessions keep their entries in memory. */
  static final int CACHED_SESSIONS = 256;
  /** Leaves room under the usual 255-byte file-name limit for the suffix. */
  private static final int MAX_ENCODED_LENGTH = 200;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private static final ObjectMapper JSON = new ObjectMapper()
      // A newer version may add fields; an older one must still read its transcripts.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;
  private final ConcurrentMap<String, SessionLog> logs = new ConcurrentHashMap<>();
  /** Sessions whose entries are kept in memory, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, SessionLog> recent = new LinkedHashMap<>(16, 0.75f, true);

  public DiskTranscriptStore(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the transcripts folder " + folder, e);
    }
  }

  @Override
  public boolean append(String sessionKey, TranscriptEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(entry.id(), "entry id");
    SessionLog log = log(sessionKey);
    keepInMemory(log);
    synchronized (log) {
      log.loadIfNeeded();
      if (log.changedBehindOurBack()) {
        log.adopt(log.read());
      }
      if (log.ids.contains(entry.id())) {
        return false;
      }
      log.write(entry.withParentId(log.lastId));
      return true;
    }
  }

  @Override
  public Optional<TranscriptEntry> find(String sessionKey, String entryId) {
    SessionLog log = log(sessionKey);
    keepInMemory(log);
    synchronized (log) {
      log.loadIfNeeded();
      // Most lookups are "did this step run before?" and miss: answer those from memory.
      if (!log.ids.contains(entryId)) {
        return Optional.empty();
      }
      return log.current().stream().filter(e -> entryId.equals(e.id())).findFirst();
    }
  }

  @Override
  public List<TranscriptEntry> readAll(String sessionKey) {
    SessionLog log = log(sessionKey);
    keepInMemory(log);
    synchronized (log) {
      return List.copyOf(log.current());
    }
  }

  /**
   * Marks a session as recently used, so its entries stay in memory; the least recently used beyond
   * {@value #CACHED_SESSIONS} drop theirs. Called without holding any session's lock, so locks never nest.
   */
  private void keepInMemory(SessionLog log) {
    List<SessionLog> evicted = new ArrayList<>();
    synchronized (recent) {
      recent.put(log.sessionKey, log);
      Iterator<SessionLog> eldest = recent.values().iterator();
      while (recent.size() > CACHED_SESSIONS && eldest.hasNext()) {
        evicted.add(eldest.next());
        eldest.remove();
      }
    }
    for (SessionLog old : evicted) {
      synchronized (old) {
        old.entries = null;
      }
    }
  }

  /**
   * The file name for a session key: characters outside {@code [A-Za-z0-9._-]} percent-encoded (UTF-8), so
   * keys such as {@code agent:main:main} are safe on every file system and distinct keys get distinct names.
   * Keys whose encoding is too long for a file name keep a readable prefix and end in a hash of the key.
   */
  static String fileName(String sessionKey) {
    StringBuilder out = new StringBuilder();
    for (byte b : sessionKey.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(HEX.toHexDigits(b));
      }
    }
    if (out.length() > MAX_ENCODED_LENGTH) {
      // '~' never appears in an encoded name (it would be %7E), so a hashed name cannot equal a plain one.
      String prefix = out.substring(0, 120).replaceAll("%[0-9A-F]?$", "");
      return prefix + "~" + sha256(sessionKey) + SUFFIX;
    }
    return out + SUFFIX;
  }

  private SessionLog log(String sessionKey) {
    Objects.requireNonNull(sessionKey, "session key");
    if (sessionKey.isEmpty()) {
      throw new IllegalArgumentException("session key must not be empty");
    }
    return logs.computeIfAbsent(sessionKey, key -> new SessionLog(key, folder.resolve(fileName(key))));
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The first line of every transcript file: says what the file is and whose it is. */
  record Header(String type, int version, String sessionKey, long createdAt) {}

  /** What a transcript file holds, and how many of its bytes are whole, valid lines. */
  private record Contents(List<TranscriptEntry> entries, long validLength, long size) {}

  /** One session's file and what we remember about it; also the lock for that session. */
  private static final class SessionLog {
    private final String sessionKey;
    private final Path file;
    private boolean loaded;
    private final Set<String> ids = new HashSet<>();
    /** The file's entries as last read or written, or null when not kept in memory. */
    private List<TranscriptEntry> entries;
    private String lastId;
    /** The end of the last whole line; anything after it is a torn write to cut off before appending. */
    private long validLength;
    /** The file's size when we last read or wrote it, -1 when there was no file. */
    private long size = -1;

    SessionLog(String sessionKey, Path file) {
      this.sessionKey = sessionKey;
      this.file = file;
    }

    void loadIfNeeded() {
      if (!loaded) {
        adopt(read());
      }
    }

    /** The entries, from memory when they are there and the file is as we left it, else from the file. */
    List<TranscriptEntry> current() {
      if (entries == null || changedBehindOurBack()) {
        adopt(read());
      }
      return entries;
    }

    void adopt(Contents contents) {
      entries = new ArrayList<>(contents.entries);
      ids.clear();
      lastId = null;
      for (TranscriptEntry entry : contents.entries) {
        ids.add(entry.id());
        lastId = entry.id();
      }
      validLength = contents.validLength;
      size = contents.size;
      loaded = true;
    }

    /**
     * Whether the file is not the size we left it: edited by hand or by another process. Then the cache is
     * stale and the bytes past the last line we know are not a torn write of ours, so they must not be cut.
     */
    boolean changedBehindOurBack() {
      try {
        return Files.size(file) != size;
      } catch (NoSuchFileException e) {
        return size != -1;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read transcript " + file, e);
      }
    }

    void write(TranscriptEntry entry) {
      ByteBuffer bytes = ByteBuffer.wrap(lines(entry));
      boolean created = size == -1;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (channel.size() != validLength) {
          channel.truncate(validLength);
        }
        long position = validLength;
        while (bytes.hasRemaining()) {
          position += channel.write(bytes, position);
        }
        channel.force(false);
        validLength = position;
        size = position;
      } catch (IOException e) {
        // What reached the file is unknown now: read it again next time rather than trust the cache.
        loaded = false;
        entries = null;
        throw new UncheckedIOException("cannot append to transcript " + file, e);
      }
      if (created) {
        forceDirectory(file.getParent());
      }
      ids.add(entry.id());
      lastId = entry.id();
      if (entries != null) {
        entries.add(entry);
      }
    }

    private byte[] lines(TranscriptEntry entry) {
      try {
        StringBuilder text = new StringBuilder();
        if (validLength == 0) {
          text.append(JSON.writeValueAsString(
              new Header("session", HEADER_VERSION, sessionKey, System.currentTimeMillis()))).append('\n');
        }
        text.append(JSON.writeValueAsString(entry)).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot serialize transcript entry " + entry.id(), e);
      }
    }

    Contents read() {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        return new Contents(List.of(), 0, -1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read transcript " + file, e);
      }
      List<TranscriptEntry> entries = new ArrayList<>();
      boolean headerSeen = false;
      long validLength = 0;
      int lineNumber = 0;
      int start = 0;
      while (start < bytes.length) {
        int end = indexOf(bytes, (byte) '\n', start);
        if (end < 0) {
          break; // no newline: the write of this line never finished
        }
        lineNumber++;
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (!line.isBlank()) {
          JsonNode node = parse(line);
          if (node == null) {
            if (end == bytes.length - 1) {
              break; // a torn final line that happens to end in a newline (or a zero-filled tail)
            }
            throw new IllegalStateException("transcript " + file + " line " + lineNumber
                + " is not a valid entry, and lines follow it, so it is not a torn write: fix or remove it");
          }
          if (!headerSeen && entries.isEmpty() && "session".equals(node.path("type").asText())) {
            checkOwner(node);
            headerSeen = true;
          } else {
            entries.add(toEntry(node, lineNumber));
          }
        }
        start = end + 1;
        validLength = start;
      }
      // Without a header or an entry there is nothing worth keeping: the next append starts the file afresh.
      return new Contents(entries, headerSeen || !entries.isEmpty() ? validLength : 0, bytes.length);
    }

    /** The line as JSON, or null when it is not a JSON object with an id or a type (a torn or garbled write). */
    private static JsonNode parse(String line) {
      try {
        JsonNode node = JSON.readTree(line);
        return node != null && node.isObject() && (node.hasNonNull("id") || node.hasNonNull("type")) ? node : null;
      } catch (JsonProcessingException e) {
        return null;
      }
    }

    private void checkOwner(JsonNode header) {
      String owner = header.path("sessionKey").asText(null);
      if (owner != null && !owner.equals(sessionKey)) {
        // Two keys differing only in letter case share a file on a case-insensitive file system.
        throw new IllegalStateException("transcript " + file + " belongs to session key '" + owner
            + "', not '" + sessionKey + "' (a case-insensitive file system?)");
      }
    }

    private TranscriptEntry toEntry(JsonNode node, int lineNumber) {
      try {
        TranscriptEntry entry = JSON.treeToValue(node, TranscriptEntry.class);
        if (entry.id() == null) {
          throw new IllegalStateException("transcript " + file + " line " + lineNumber + " has no entry id");
        }
        return entry;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("transcript " + file + " line " + lineNumber + " is not a transcript entry", e);
      }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == wanted) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Makes a new file's directory entry durable too; best effort, as not every platform can open a folder. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its file systems make the entry durable with the file.
    }
  }
}
