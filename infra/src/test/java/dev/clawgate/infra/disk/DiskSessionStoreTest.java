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
  void theIndexIsOneJsonObjectKeyedBySessionKeyWithNoTempFileLeft() throws IOException {
    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> r);

    JsonNode index = new ObjectMapper().readTree(folder.resolve("sessions.json").toFile());
    assertThat(index.get(KEY).get("sessionId").asText()).isEqualTo(stored.sessionId());
    assertThat(index.get(KEY).has("lastRunId")).isFalse();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sessions.json");
    }
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
