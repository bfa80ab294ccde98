package dev.clawgate.infra.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import dev.clawgate.transcript.TranscriptStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTranscriptStoreTest extends TranscriptStoreContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  @Override
  protected TranscriptStore newStore() {
    return new DiskTranscriptStore(folder);
  }

  @Test
  void aNewStoreOnTheSameFolderSeesTheEntriesAndStillDedupes() {
    store.append(KEY, user("run-1", "hello"));
    store.append(KEY, assistant("run-1", 0, "hi"));

    TranscriptStore reopened = new DiskTranscriptStore(folder);

    assertThat(reopened.readAll(KEY)).isEqualTo(store.readAll(KEY));
    assertThat(reopened.append(KEY, assistant("run-1", 0, "hi"))).isFalse();
    assertThat(reopened.append(KEY, user("run-2", "again"))).isTrue();
    assertThat(reopened.find(KEY, "run-2:user").orElseThrow().parentId()).isEqualTo("run-1:a0");
  }

  @Test
  void theFirstLineIsAHeaderNamingTheSession() throws IOException {
    store.append(KEY, user("run-1", "hello"));

    List<String> lines = Files.readAllLines(fileOf(KEY));
    JsonNode header = JSON.readTree(lines.get(0));
    assertThat(header.get("type").asText()).isEqualTo("session");
    assertThat(header.get("version").asInt()).isEqualTo(1);
    assertThat(header.get("sessionKey").asText()).isEqualTo(KEY);
    assertThat(header.get("createdAt").asLong()).isPositive();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).doesNotContain("null");
  }

  @Test
  void aTornLastLineIsIgnoredAndCutOffBeforeTheNextAppend() throws IOException {
    store.append(KEY, user("run-1", "hello"));
    store.append(KEY, assistant("run-1", 0, "hi"));
    // A crash in the middle of writing the next line.
    Files.writeString(fileOf(KEY), "{\"id\":\"run-2:user\",\"type\":\"mess", StandardOpenOption.APPEND);

    TranscriptStore reopened = new DiskTranscriptStore(folder);
    assertThat(reopened.readAll(KEY)).extracting(TranscriptEntry::id).containsExactly("run-1:user", "run-1:a0");
    assertThat(reopened.find(KEY, "run-2:user")).isEmpty();

    assertThat(reopened.append(KEY, user("run-2", "again"))).isTrue();

    assertEveryLineIsJson(fileOf(KEY), 4);
    List<TranscriptEntry> all = new DiskTranscriptStore(folder).readAll(KEY);
    assertThat(all).extracting(TranscriptEntry::id).containsExactly("run-1:user", "run-1:a0", "run-2:user");
    assertSingleChain(all);
  }

  @Test
  void anUnparseableLastLineEndingInANewlineIsAlsoTreatedAsTorn() throws IOException {
    store.append(KEY, user("run-1", "hello"));
    Files.write(fileOf(KEY), new byte[] {'{', '"', 'i', 0, 0, '\n'}, StandardOpenOption.APPEND);

    TranscriptStore reopened = new DiskTranscriptStore(folder);
    assertThat(reopened.readAll(KEY)).extracting(TranscriptEntry::id).containsExactly("run-1:user");
    reopened.append(KEY, assistant("run-1", 0, "hi"));

    assertEveryLineIsJson(fileOf(KEY), 3);
  }

  @Test
  void aFileWithOnlyATornHeaderStartsAfresh() throws IOException {
    Files.writeString(fileOf(KEY), "{\"type\":\"sess");

    assertThat(store.readAll(KEY)).isEmpty();
    assertThat(store.append(KEY, user("run-1", "hello"))).isTrue();

    assertEveryLineIsJson(fileOf(KEY), 2);
    assertThat(JSON.readTree(Files.readAllLines(fileOf(KEY)).get(0)).get("type").asText()).isEqualTo("session");
  }

  @Test
  void aBrokenLineInTheMiddleIsReportedNotSkipped() throws IOException {
    store.append(KEY, user("run-1", "hello"));
    Files.writeString(fileOf(KEY), "not json\n{\"id\":\"x\",\"type\":\"message\",\"ts\":1}\n",
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> new DiskTranscriptStore(folder).readAll(KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(fileOf(KEY).toString())
        .hasMessageContaining("line 3");
  }

  @Test
  void linesWrittenBehindTheStoresBackAreNeverCutOff() throws IOException {
    store.append(KEY, user("run-1", "hello"));
    // Another process appends a whole line the store has not seen: not a torn write of ours.
    String foreign = "{\"id\":\"elsewhere:user\",\"parentId\":\"run-1:user\",\"type\":\"message\",\"ts\":1}\n";
    Files.writeString(fileOf(KEY), foreign, StandardOpenOption.APPEND);

    assertThat(store.append(KEY, assistant("run-1", 0, "hi"))).isTrue();

    List<TranscriptEntry> all = new DiskTranscriptStore(folder).readAll(KEY);
    assertThat(all).extracting(TranscriptEntry::id).containsExactly("run-1:user", "elsewhere:user", "run-1:a0");
    assertSingleChain(all);
  }

  @Test
  void aTranscriptKeptInMemoryIsReadAgainOnceItChangedBehindTheStoresBack() throws IOException {
    store.append(KEY, user("run-1", "hello"));
    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::id).containsExactly("run-1:user");
    String foreign = "{\"id\":\"elsewhere:user\",\"parentId\":\"run-1:user\",\"type\":\"message\",\"ts\":1}\n";
    Files.writeString(fileOf(KEY), foreign, StandardOpenOption.APPEND);

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::id).containsExactly("run-1:user", "elsewhere:user");
  }

  @Test
  void sessionsBeyondThoseKeptInMemoryAreReadFromTheirFiles() {
    int sessions = DiskTranscriptStore.CACHED_SESSIONS + 10;
    for (int i = 0; i < sessions; i++) {
      store.append("agent:main:s" + i, user("run-" + i, "hello " + i));
      store.readAll("agent:main:s" + i);
    }
    for (int i = 0; i < sessions; i++) {
      store.append("agent:main:s" + i, assistant("run-" + i, 0, "hi " + i));
    }

    for (int i = 0; i < sessions; i++) {
      List<TranscriptEntry> entries = store.readAll("agent:main:s" + i);
      assertThat(entries).extracting(TranscriptEntry::text).containsExactly("hello " + i, "hi " + i);
      assertThat(entries).isEqualTo(new DiskTranscriptStore(folder).readAll("agent:main:s" + i));
    }
  }

  @Test
  void aReadTranscriptCannotBeChangedByItsReader() {
    store.append(KEY, user("run-1", "hello"));

    assertThatThrownBy(() -> store.readAll(KEY).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(store.readAll(KEY)).hasSize(1);
  }

  @Test
  void fileNamesForKeysWithColonsAreSafe() throws IOException {
    store.append("agent:main:telegram:dm:42", user("run-1", "hi"));
    store.append("../../etc/passwd", user("run-1", "hi"));

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("agent%3Amain%3Atelegram%3Adm%3A42.jsonl", "..%2F..%2Fetc%2Fpasswd.jsonl");
    }
    assertThat(DiskTranscriptStore.fileName("cron:job-1.daily_x")).isEqualTo("cron%3Ajob-1.daily_x.jsonl");
    assertThat(DiskTranscriptStore.fileName("a%b@c+d")).isEqualTo("a%25b%40c%2Bd.jsonl");
    assertThat(DiskTranscriptStore.fileName("é")).isEqualTo("%C3%A9.jsonl");
  }

  @Test
  void veryLongKeysGetShortDistinctFileNames() {
    String key = "agent:main:" + ":".repeat(250);
    String similar = "agent:main:" + ":".repeat(249) + "x";
    store.append(key, user("run-1", "long"));
    store.append(similar, user("run-1", "similar"));

    assertThat(DiskTranscriptStore.fileName(key)).hasSizeLessThan(255).isNotEqualTo(DiskTranscriptStore.fileName(similar));
    assertThat(new DiskTranscriptStore(folder).readAll(key)).extracting(TranscriptEntry::text).containsExactly("long");
  }

  @Test
  void aFileWhoseHeaderNamesAnotherSessionIsRefused() throws IOException {
    // What a case-insensitive file system does to agent:main:Bob and agent:main:bob.
    Files.writeString(fileOf(KEY), "{\"type\":\"session\",\"version\":1,\"sessionKey\":\"agent:main:MAIN\",\"createdAt\":1}\n");

    assertThatThrownBy(() -> store.append(KEY, user("run-1", "hi")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agent:main:MAIN");
  }

  private Path fileOf(String key) {
    return folder.resolve(DiskTranscriptStore.fileName(key));
  }

  private static void assertEveryLineIsJson(Path file, int expectedLines) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(expectedLines);
    for (String line : lines) {
      assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
    }
  }
}
