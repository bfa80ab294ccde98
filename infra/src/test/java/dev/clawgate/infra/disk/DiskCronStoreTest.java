package dev.clawgate.infra.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronStore;
import dev.clawgate.schedule.CronStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCronStoreTest extends CronStoreContract {

  @TempDir
  Path folder;

  @Override
  protected CronStore newStore() {
    return new DiskCronStore(folder);
  }

  @Test
  void aNewStoreOnTheSameFolderSeesTheJobsTheRevisionAndTheHistory() {
    store.add(job("job-1", 1_000));
    store.add(job("job-2", 2_000));
    store.update("job-1", j -> j.withEnabled(false, 3_000));
    store.appendRun(run("job-1", "cron:job-1:10", 10));

    CronStore reopened = new DiskCronStore(folder);

    assertThat(reopened.list()).isEqualTo(store.list());
    assertThat(reopened.revision()).isEqualTo(store.revision());
    assertThat(reopened.runs("job-1")).isEqualTo(store.runs("job-1"));
    assertThat(reopened.appendRun(run("job-1", "cron:job-1:10", 10))).as("a retry after a restart").isFalse();
  }

  @Test
  void aTornLastHistoryLineIsIgnoredAndTheNextRunStartsOnItsOwnLine() throws IOException {
    store.add(job("job-1", 1_000));
    store.appendRun(run("job-1", "cron:job-1:10", 10));
    Path history = folder.resolve("runs").resolve("job-1.jsonl");
    Files.writeString(history, "{\"jobId\":\"job-1\",\"runId\":\"cron:jo", StandardOpenOption.APPEND);

    CronStore reopened = new DiskCronStore(folder);
    reopened.appendRun(run("job-1", "cron:job-1:20", 20));

    assertThat(new DiskCronStore(folder).runs("job-1")).extracting(CronRunRecord::runId)
        .containsExactly("cron:job-1:10", "cron:job-1:20");
  }

  @Test
  void historyIsBoundedToTheNewestRuns() {
    store.add(job("job-1", 1_000));
    int total = 2 * DiskCronStore.KEEP_RUNS + 1;
    for (int i = 0; i < total; i++) {
      store.appendRun(run("job-1", "cron:job-1:" + i, i));
    }

    assertThat(store.runs("job-1")).hasSize(DiskCronStore.KEEP_RUNS).last()
        .satisfies(r -> assertThat(r.runId()).isEqualTo("cron:job-1:" + (total - 1)));
    assertThat(new DiskCronStore(folder).runs("job-1")).hasSize(DiskCronStore.KEEP_RUNS);
  }

  @Test
  void jobsLiveInOneJsonFileWithNoTempFileLeft() throws IOException {
    store.add(job("job-1", 1_000));

    assertThat(Files.readString(folder.resolve("jobs.json"), StandardCharsets.UTF_8)).contains("\"job-1\"");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("jobs.json", "runs");
    }
  }

  @Test
  void aCorruptJobsFileFailsWithAnErrorNamingTheFile() throws IOException {
    Path file = folder.resolve("jobs.json");
    Files.writeString(file, "{\"revision\": 3, \"jobs\": [");

    assertThatThrownBy(() -> new DiskCronStore(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
  }
}
