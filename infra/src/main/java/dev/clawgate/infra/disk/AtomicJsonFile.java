package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON document in one file, replaced whole and atomically: written to a temp file in the same folder,
 * forced to the device, then moved over the old file. A crash leaves the old document or the new one, never
 * half of each. The files hold private state (sessions, paired devices), so they are readable by their owner
 * only where the file system has POSIX permissions.
 *
 * <p>Not thread-safe: its users serialise writes themselves, as they must anyway to keep memory and disk in step.
 */
final class AtomicJsonFile {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final ObjectMapper LINE = new ObjectMapper();
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;
  private final Path temp;
  private final String what;

  /**
   * @param what names the document in error messages, e.g. {@code sessions index}
   */
  AtomicJsonFile(Path file, String what) {
    this.file = Objects.requireNonNull(file, "file");
    this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    this.what = what;
  }

  Path path() {
    return file;
  }

  /**
   * The document, or empty when the file does not exist. A file that exists but cannot be read as the type
   * (empty, truncated, {@code null}) stops the caller: starting empty would overwrite it on the next write.
   */
  <T> Optional<T> read(TypeReference<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " " + file, e);
    }
    try {
      T value = JSON.readValue(bytes, type);
      if (value == null) {
        throw new IOException("it holds null");
      }
      return Optional.of(value);
    } catch (IOException e) {
      throw corrupt(e.getMessage(), e);
    }
  }

  /** The error for a document that was read but makes no sense; names the file and the way out. */
  IllegalStateException corrupt(String why, Exception cause) {
    return new IllegalStateException("the " + what + " " + file + " is corrupt (" + why
        + "); fix it, or move it away to start empty", cause);
  }

  void write(Object value) {
    try {
      replace(JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the " + what, e);
    }
  }

  /** Replaces the file with one compact JSON value per line (a JSONL log rewritten whole, e.g. compacted). */
  void writeLines(List<?> values) {
    StringBuilder text = new StringBuilder();
    try {
      for (Object value : values) {
        text.append(LINE.writeValueAsString(value)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the " + what, e);
    }
    replace(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void replace(byte[] content) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(content);
      Files.deleteIfExists(temp);
      Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileAttribute<?>[] ownerOnly = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      try (FileChannel channel = FileChannel.open(temp, options, ownerOnly)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(file.getParent());
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write the " + what + " " + file, e);
    }
  }

  /** Makes a rename or a new file in {@code dir} durable; best effort, as not every platform can open a folder. */
  static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its rename is durable once it returns.
    }
  }
}
