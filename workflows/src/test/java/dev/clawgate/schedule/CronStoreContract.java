package dev.clawgate.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CronStore} must do, written once for all implementations: extend this class and return a
 * fresh, empty store from {@link #newStore()}.
 */
public abstract class CronStoreContract {

  protected CronStore store;

  protected abstract CronStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void aNewStoreHasNoJobsAndNoHistory() {
    assertThat(store.list()).isEmpty();
    assertThat(store.get("job-1")).isEmpty();
    assertThat(store.runs("job-1")).isEmpty();
  }

  @Test
  void addedJobsAreListedOldestFirstAndReadBackWhole() {
    CronJob first = job("job-1", 1_000);
    CronJob second = job("job-2", 2_000);
    assertThat(store.add(first)).isTrue();
    assertThat(store.add(second)).isTrue();

    assertThat(store.list()).containsExactly(first, second);
    assertThat(store.get("job-2")).contains(second);
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    CronJob full = new CronJob("job-full", "Daily digest", "sums up the day", "work", false, true,
        CronSchedule.cron("0 9 * * 1-5", "Europe/Berlin"), CronJob.ISOLATED, CronJob.WAKE_NEXT_HEARTBEAT,
        CronPayload.agentTurn("write the digest", "openai:gpt-4.1-mini", 120),
        new CronDelivery(CronDelivery.WEBHOOK, null, "https://example.invalid/hook"), 1_000, 2_000,
        new CronJobState(5_000L, 4_000L, "error", "boom", 12L, null, 2, 3_000L, "cron:job-full:3000"));
    CronJob minimal = new CronJob("job-min", "Ping", null, null, true, null, CronSchedule.every(60_000, null),
        CronJob.MAIN, CronJob.WAKE_NOW, CronPayload.systemEvent("ping"), null, 1, 1, null);
    store.add(full);
    store.add(minimal);

    assertThat(store.get("job-full")).contains(full);
    assertThat(store.get("job-min")).contains(minimal);
  }

  @Test
  void addingAnExistingIdWritesNothing() {
    CronJob original = job("job-1", 1_000);
    store.add(original);

    assertThat(store.add(job("job-1", 9_999))).isFalse();
    assertThat(store.get("job-1")).contains(original);
  }

  @Test
  void updateAppliesTheChangeAndAnUnknownJobIsEmpty() {
    store.add(job("job-1", 1_000));

    assertThat(store.update("job-1", j -> j.withEnabled(false, 5_000))).hasValueSatisfying(j -> {
      assertThat(j.enabled()).isFalse();
      assertThat(j.updatedAtMs()).isEqualTo(5_000);
    });
    assertThat(store.get("job-1")).hasValueSatisfying(j -> assertThat(j.enabled()).isFalse());
    assertThat(store.update("nope", j -> j)).isEmpty();
  }

  @Test
  void aFailedChangeLeavesTheJobAlone() {
    CronJob original = job("job-1", 1_000);
    store.add(original);

    assertThatThrownBy(() -> store.update("job-1", j -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(store.get("job-1")).contains(original);
  }

  @Test
  void removeDeletesTheJobAndItsHistory() {
    store.add(job("job-1", 1_000));
    store.appendRun(run("job-1", "cron:job-1:10", 10));

    assertThat(store.remove("job-1")).isTrue();
    assertThat(store.remove("job-1")).isFalse();
    assertThat(store.get("job-1")).isEmpty();
    assertThat(store.runs("job-1")).isEmpty();
  }

  @Test
  void theRevisionChangesWithEveryChangeToTheJobs() {
    long start = store.revision();
    store.add(job("job-1", 1_000));
    long added = store.revision();
    store.update("job-1", j -> j.withEnabled(false, 2_000));
    long updated = store.revision();
    store.remove("job-1");

    assertThat(List.of(start, added, updated, store.revision())).doesNotHaveDuplicates();
  }

  @Test
  void runStateChangesKeepTheRevision() {
    store.add(job("job-1", 1_000));
    long before = store.revision();

    store.update("job-1", j -> j.withState(j.state().withNextRunAtMs(99_000L)));

    assertThat(store.revision()).isEqualTo(before);
    assertThat(store.get("job-1")).hasValueSatisfying(j -> assertThat(j.state().nextRunAtMs()).isEqualTo(99_000L));
  }

  @Test
  void runsAreKeptInOrderAndARunIdIsRecordedOnce() {
    store.add(job("job-1", 1_000));
    CronRunRecord first = run("job-1", "cron:job-1:10", 10);
    CronRunRecord second = run("job-1", "cron:job-1:20", 20);

    assertThat(store.appendRun(first)).isTrue();
    assertThat(store.appendRun(second)).isTrue();
    assertThat(store.appendRun(run("job-1", "cron:job-1:10", 99))).as("a retried record").isFalse();

    assertThat(store.runs("job-1")).containsExactly(first, second);
  }

  @Test
  void historiesOfJobsAreSeparate() {
    store.add(job("job-1", 1_000));
    store.add(job("job-2", 1_000));
    store.appendRun(run("job-1", "cron:job-1:10", 10));
    store.appendRun(run("job-2", "cron:job-2:10", 10));

    assertThat(store.runs("job-1")).extracting(CronRunRecord::runId).containsExactly("cron:job-1:10");
    assertThat(store.runs("job-2")).extracting(CronRunRecord::runId).containsExactly("cron:job-2:10");
  }

  @Test
  void concurrentUpdatesOfOneJobLoseNone() throws Exception {
    store.add(job("job-1", 0));
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            store.update("job-1", j -> j.withEnabled(j.enabled(), j.updatedAtMs() + 1));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.get("job-1")).hasValueSatisfying(j -> assertThat(j.updatedAtMs()).isEqualTo(threads * perThread));
  }

  protected static CronJob job(String id, long createdAtMs) {
    return new CronJob(id, "Job " + id, null, null, true, null, CronSchedule.every(60_000, null), CronJob.MAIN,
        CronJob.WAKE_NOW, CronPayload.systemEvent("tick"), CronDelivery.none(), createdAtMs, createdAtMs, null);
  }

  protected static CronRunRecord run(String jobId, String runId, long dueAtMs) {
    return new CronRunRecord(jobId, "Job " + jobId, runId, dueAtMs, CronRunRecord.SCHEDULE, "agent:main:main",
        CronRunRecord.OK, dueAtMs + 1, 5, null, "done", "not-requested", null, dueAtMs + 6);
  }
}
