package dev.clawgate.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TranscriptStore} must do, written once for all implementations: extend this class and
 * return a fresh, empty store from {@link #newStore()}.
 */
public abstract class TranscriptStoreContract {

  protected static final String KEY = "agent:main:main";
  protected static final String OTHER_KEY = "agent:main:telegram:dm:42";

  protected TranscriptStore store;

  /** A new store with no transcripts in it. */
  protected abstract TranscriptStore newStore() throws Exception;

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
  void anUnknownSessionHasAnEmptyTranscript() {
    assertThat(store.readAll(KEY)).isEmpty();
    assertThat(store.readCurrent(KEY)).isEmpty();
    assertThat(store.find(KEY, "run-1:user")).isEmpty();
  }

  @Test
  void appendedEntriesAreReadBackInOrder() {
    assertThat(store.append(KEY, user("run-1", "hello"))).isTrue();
    assertThat(store.append(KEY, assistant("run-1", 0, "hi"))).isTrue();
    assertThat(store.append(KEY, user("run-2", "again"))).isTrue();

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::id)
        .containsExactly("run-1:user", "run-1:a0", "run-2:user");
  }

  @Test
  void appendingTheSameEntryTwiceWritesItOnce() {
    assertThat(store.append(KEY, user("run-1", "hello"))).isTrue();
    assertThat(store.append(KEY, user("run-1", "hello"))).isFalse();

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::id).containsExactly("run-1:user");
  }

  @Test
  void aRetryWithDifferentContentKeepsTheFirstEntry() {
    store.append(KEY, user("run-1", "first"));
    assertThat(store.append(KEY, user("run-1", "second"))).isFalse();

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::text).containsExactly("first");
  }

  @Test
  void eachEntryPointsAtThePreviousOne() {
    store.append(KEY, user("run-1", "hello"));
    store.append(KEY, assistant("run-1", 0, "hi"));
    store.append(KEY, user("run-2", "again"));

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::parentId)
        .containsExactly(null, "run-1:user", "run-1:a0");
  }

  @Test
  void theStoreSetsParentIdWhateverTheCallerGave() {
    store.append(KEY, user("run-1", "hello").withParentId("made-up"));
    store.append(KEY, assistant("run-1", 0, "hi").withParentId("made-up"));

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::parentId).containsExactly(null, "run-1:user");
  }

  @Test
  void findReturnsTheStoredEntryById() {
    store.append(KEY, user("run-1", "hello"));
    TranscriptEntry reply = assistant("run-1", 0, "hi");
    store.append(KEY, reply);

    assertThat(store.find(KEY, "run-1:a0")).contains(reply.withParentId("run-1:user"));
    assertThat(store.find(KEY, "run-1:a1")).isEmpty();
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    ToolCall call = new ToolCall("call_1", "read_file", "{\"path\":\"notes.md\"}");
    TranscriptEntry asked = TranscriptEntry.assistant("run-1", 0, "", List.of(call), "toolUse", 12, 3, 1_000);
    TranscriptEntry answered = TranscriptEntry.toolResult("run-1", 0, call, "line 1\nline 2 \"quoted\" ✓", true, 1_001);
    TranscriptEntry failed = TranscriptEntry.failure("run-2", "error", "the model timed out", 1_002);
    store.append(KEY, asked);
    store.append(KEY, answered);
    store.append(KEY, failed);

    assertThat(store.readAll(KEY)).containsExactly(
        asked, answered.withParentId(asked.id()), failed.withParentId(answered.id()));
  }

  @Test
  void readCurrentReturnsOnlyEntriesAfterTheLastReset() {
    store.append(KEY, user("run-1", "old"));
    store.append(KEY, TranscriptEntry.reset("reset-1", 10));
    store.append(KEY, user("run-2", "older"));
    store.append(KEY, TranscriptEntry.reset("reset-2", 20));
    store.append(KEY, user("run-3", "new"));
    store.append(KEY, assistant("run-3", 0, "fresh"));

    assertThat(store.readCurrent(KEY)).extracting(TranscriptEntry::id).containsExactly("run-3:user", "run-3:a0");
    assertThat(store.readAll(KEY)).hasSize(6);
  }

  @Test
  void readCurrentRightAfterAResetIsEmpty() {
    store.append(KEY, user("run-1", "old"));
    store.append(KEY, TranscriptEntry.reset("reset-1", 10));

    assertThat(store.readCurrent(KEY)).isEmpty();
  }

  @Test
  void sessionsAreIsolated() {
    store.append(KEY, user("run-1", "for main"));
    store.append(OTHER_KEY, user("run-2", "for telegram"));
    // The same entry id under another key is a different entry.
    assertThat(store.append(OTHER_KEY, user("run-1", "also for telegram"))).isTrue();

    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::text).containsExactly("for main");
    assertThat(store.readAll(OTHER_KEY)).extracting(TranscriptEntry::text)
        .containsExactly("for telegram", "also for telegram");
    assertThat(store.readAll(OTHER_KEY).get(0).parentId()).isNull();
    assertThat(store.find(KEY, "run-2:user")).isEmpty();
  }

  @Test
  void keysThatLookAlikeOnceEncodedStayApart() {
    // Stores that encode keys (file names, partition keys) must not map two keys to one place.
    List<String> keys = List.of("cron:job", "cron%3Ajob", "cron_job", "cron.job", "cron-job", "cron@job", "cron+job");
    for (String key : keys) {
      store.append(key, user("run-1", key));
    }

    for (String key : keys) {
      assertThat(store.readAll(key)).extracting(TranscriptEntry::text).containsExactly(key);
    }
  }

  @Test
  void manyThreadsAppendingDistinctEntriesToOneSessionLoseNone() throws Exception {
    int threads = 8;
    int perThread = 40;
    List<String> written = runConcurrently(threads, thread -> {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        TranscriptEntry entry = user("run-" + thread + "-" + i, "message " + i);
        if (store.append(KEY, entry)) {
          ids.add(entry.id());
        }
      }
      return ids;
    });

    List<TranscriptEntry> all = store.readAll(KEY);
    assertThat(written).hasSize(threads * perThread);
    assertThat(all).extracting(TranscriptEntry::id).containsExactlyInAnyOrderElementsOf(written);
    assertSingleChain(all);
  }

  @Test
  void manyThreadsAppendingTheSameEntryWriteItOnce() throws Exception {
    List<Boolean> results = runConcurrently(8, thread -> List.of(store.append(KEY, user("run-1", "hello"))));

    assertThat(results).containsOnlyOnce(true);
    assertThat(store.readAll(KEY)).hasSize(1);
  }

  /** Each entry's parent is the one before it: concurrent appends never fork the chain. */
  protected static void assertSingleChain(List<TranscriptEntry> entries) {
    String previous = null;
    for (TranscriptEntry entry : entries) {
      assertThat(entry.parentId()).as("parent of %s", entry.id()).isEqualTo(previous);
      previous = entry.id();
    }
  }

  protected static TranscriptEntry user(String runId, String text) {
    return TranscriptEntry.user(runId, text, 1_000);
  }

  protected static TranscriptEntry assistant(String runId, int step, String text) {
    return TranscriptEntry.assistant(runId, step, text, List.of(), "stop", 10, 5, 2_000);
  }

  /** Runs {@code work} on that many threads at once and gathers what they return. */
  protected static <T> List<T> runConcurrently(int threads, ThreadWork<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<List<T>> task = () -> {
          start.await();
          return work.run(thread);
        };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<List<T>> future : futures) {
        results.addAll(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  protected interface ThreadWork<T> {
    List<T> run(int thread) throws Exception;
  }
}
