package dev.clawgate.infra.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import dev.clawgate.transcript.SessionStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSessionStoreTest extends SessionStoreContract {

  @TempDir
  Path folder;

  @Override
  protected SessionStore newStore() {
    return new DiskSessionStore(folder);
  }

  @Test
  void aNewStoreOnTheSameFolderSeesTheRows() {
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));
    store.update(OTHER_KEY, row(OTHER_KEY, 100), r -> r.afterRun("run-2", 1, 1, 300));

    SessionStore reopened = new DiskSessionStore(folder);

    assertThat(reopened.list()).isEqualTo(store.list());
    assertThat(reopened.update(KEY, row(KEY, 0), r -> r.afterRun("run-3", 1, 1, 400)).turns()).isEqualTo(2);
  }

  @Test
  void anUpdateIsOneJournalLineHoldingTheWholeRow() throws IOException {
    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> r);

    List<String> lines = Files.readAllLines(folder.resolve(DiskSessionStore.JOURNAL_NAME));
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertThat(line.get("key").asText()).isEqualTo(KEY);
    assertThat(line.get("row").get("sessionId").asText()).isEqualTo(stored.sessionId());
    assertThat(line.get("row").has("lastRunId")).isFalse();
  }

  @Test
  void compactionWritesTheSnapshotAsOneJsonObjectKeyedBySessionKeyAndEmptiesTheJournal() throws IOException {
    for (int i = 0; i < DiskSessionStore.MIN_LINES_BEFORE_COMPACTION; i++) {
      String key = "cron:job-" + (i % 3);
      String runId = "run-" + i;
      store.update(key, row(key, 0), r -> r.afterRun(runId, 1, 1, 1_000 + runId.length()));
    }

    JsonNode index = new ObjectMapper().readTree(folder.resolve("sessions.json").toFile());
    assertThat(index.fieldNames()).toIterable().containsExactly("cron:job-0", "cron:job-1", "cron:job-2");
    assertThat(index.get("cron:job-0").get("turns").asLong()).isEqualTo(334);
    assertThat(Files.size(folder.resolve(DiskSessionStore.JOURNAL_NAME))).isZero();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("sessions.json", DiskSessionStore.JOURNAL_NAME);
    }
    assertThat(new DiskSessionStore(folder).list()).isEqualTo(store.list());
  }

  @Test
  void oldJournalLinesReplayedOverANewerSnapshotGiveTheSameRows() throws IOException {
    // A crash after compaction wrote the snapshot but before it emptied the journal leaves both behind.
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 1, 1, 200));
    store.update(OTHER_KEY, row(OTHER_KEY, 100), r -> r.afterRun("run-2", 1, 1, 300));
    store.remove(OTHER_KEY);
    byte[] journal = Files.readAllBytes(folder.resolve(DiskSessionStore.JOURNAL_NAME));
    new AtomicJsonFile(folder.resolve("sessions.json"), "sessions index")
        .write(new TreeMap<>(Map.of(KEY, store.get(KEY).orElseThrow())));
    Files.write(folder.resolve(DiskSessionStore.JOURNAL_NAME), journal);

    assertThat(new DiskSessionStore(folder).list()).isEqualTo(store.list());
  }

  @Test
  void aRemovalSurvivesAReopen() {
    store.update(KEY, row(KEY, 100), r -> r);
    store.update(OTHER_KEY, row(OTHER_KEY, 100), r -> r);

    store.remove(KEY);

    assertThat(new DiskSessionStore(folder).list()).extracting(SessionInfo::key).containsExactly(OTHER_KEY);
  }

  @Test
  void aTornLastJournalLineIsIgnoredAndCutOffByTheNextUpdate() throws IOException {
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 1, 1, 200));
    Path journal = folder.resolve(DiskSessionStore.JOURNAL_NAME);
    Files.writeString(journal, "{\"key\":\"agent:main:x\",\"row\":{\"ke", StandardOpenOption.APPEND);

    SessionStore reopened = new DiskSessionStore(folder);
    reopened.update(OTHER_KEY, row(OTHER_KEY, 100), r -> r.afterRun("run-2", 1, 1, 300));

    assertThat(reopened.list()).extracting(SessionInfo::key).containsExactly(OTHER_KEY, KEY);
    assertThat(Files.readAllLines(journal)).hasSize(2).allSatisfy(line -> assertThat(line).endsWith("}"));
    assertThat(new DiskSessionStore(folder).list()).isEqualTo(reopened.list());
  }

  @Test
  void aBrokenJournalLineFollowedByOthersFailsWithAnErrorNamingTheFile() throws IOException {
    store.update(KEY, row(KEY, 100), r -> r);
    Path journal = folder.resolve(DiskSessionStore.JOURNAL_NAME);
    Files.writeString(journal, "not json\n" + Files.readString(journal));

    assertThatThrownBy(() -> new DiskSessionStore(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("line 1");
  }

  @Test
  void aCorruptIndexFailsWithAnErrorNamingTheFile() throws IOException {
    Path file = folder.resolve("sessions.json");
    Files.writeString(file, "{\"agent:main:main\": {\"key\": \"agent:main:main\", ");

    assertThatThrownBy(() -> new DiskSessionStore(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
  }

  @Test
  void anEmptyIndexFileIsCorruptToo() throws IOException {
    Files.writeString(folder.resolve("sessions.json"), "");

    assertThatThrownBy(() -> new DiskSessionStore(folder)).hasMessageContaining("sessions.json");
  }

  @Test
  void aFailedChangeLeavesTheStoredRowAlone() {
    store.update(KEY, row(KEY, 100), r -> r);

    assertThatThrownBy(() -> store.update(KEY, row(KEY, 100), r -> {
      throw new IllegalArgumentException("boom");
    })).hasMessage("boom");

    assertThat(new DiskSessionStore(folder).get(KEY)).contains(row(KEY, 100));
  }
}
