package dev.clawgate.transcript;

import static org.assertj.core.api.Assertions.assertThat;

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
 * What every {@link SessionStore} must do, written once for all implementations: extend this class and return
 * a fresh, empty store from {@link #newStore()}.
 */
public abstract class SessionStoreContract {

  protected static final String KEY = "agent:main:main";
  protected static final String OTHER_KEY = "agent:main:telegram:dm:42";

  protected SessionStore store;

  /** A new store with no sessions in it. */
  protected abstract SessionStore newStore() throws Exception;

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
  void getOfAMissingSessionIsEmpty() {
    assertThat(store.get(KEY)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void updateOfAMissingSessionAppliesTheChangeToInitial() {
    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));

    assertThat(stored).isEqualTo(new SessionInfo(KEY, "main", "s-" + KEY, 100, 200, "run-1", 10, 5, 1));
    assertThat(store.get(KEY)).contains(stored);
  }

  @Test
  void updateOfAnExistingSessionAppliesTheChangeToTheStoredRowAndIgnoresInitial() {
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));

    SessionInfo stored = store.update(KEY, row(KEY, 999), r -> r.afterRun("run-2", 1, 2, 300));

    assertThat(stored).isEqualTo(new SessionInfo(KEY, "main", "s-" + KEY, 100, 300, "run-2", 11, 7, 2));
    assertThat(store.get(KEY)).contains(stored);
  }

  @Test
  void updateReplacesTheRowWithWhatTheChangeReturns() {
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));

    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> r.afterReset("s-new", 300));

    assertThat(stored.sessionId()).isEqualTo("s-new");
    assertThat(stored.turns()).isZero();
    assertThat(store.get(KEY)).contains(stored);
  }

  @Test
  void rowsOfDifferentSessionsAreIndependent() {
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));
    store.update(OTHER_KEY, row(OTHER_KEY, 100), r -> r);

    assertThat(store.get(KEY).orElseThrow().turns()).isEqualTo(1);
    assertThat(store.get(OTHER_KEY)).contains(row(OTHER_KEY, 100));
  }

  @Test
  void listIsSortedByUpdatedAtNewestFirst() {
    store.update("cron:a", row("cron:a", 100), r -> r.afterRun("run-1", 0, 0, 300));
    store.update("cron:b", row("cron:b", 100), r -> r.afterRun("run-2", 0, 0, 500));
    store.update("cron:c", row("cron:c", 100), r -> r.afterRun("run-3", 0, 0, 400));
    store.update("cron:a", row("cron:a", 100), r -> r.afterRun("run-4", 0, 0, 600));

    assertThat(store.list()).extracting(SessionInfo::key).containsExactly("cron:a", "cron:b", "cron:c");
  }

  @Test
  void sessionIndexCountsRunsAndResets() {
    SessionIndex index = new SessionIndex(store);
    index.recordRun(KEY, "main", "run-1", 10, 5);
    SessionInfo afterTwo = index.recordRun(KEY, "main", "run-2", 1, 1);
    assertThat(afterTwo.turns()).isEqualTo(2);
    assertThat(afterTwo.inputTokens()).isEqualTo(11);

    SessionInfo afterReset = index.recordReset(KEY, "main");

    assertThat(afterReset.sessionId()).isNotEqualTo(afterTwo.sessionId());
    assertThat(afterReset.turns()).isZero();
    assertThat(afterReset.lastRunId()).isEqualTo("run-2");
    assertThat(store.get(KEY)).contains(afterReset);
  }

  @Test
  void concurrentUpdatesOfDifferentSessionsLoseNone() throws Exception {
    int threads = 8;
    int perThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String key = "cron:job-" + t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            // A distinct run id per update: afterRun counts a repeated run id once (an activity retry).
            String runId = "run-" + i;
            store.update(key, row(key, 0), r -> r.afterRun(runId, 1, 1, System.currentTimeMillis()));
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

    assertThat(store.list()).hasSize(threads)
        .allSatisfy(row -> assertThat(row.turns()).isEqualTo(perThread));
  }

  protected static SessionInfo row(String key, long createdAt) {
    return new SessionInfo(key, "main", "s-" + key, createdAt, createdAt, null, 0, 0, 0);
  }
}
