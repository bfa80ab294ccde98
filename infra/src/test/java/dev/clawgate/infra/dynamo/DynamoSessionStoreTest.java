package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import dev.clawgate.transcript.SessionStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoSessionStoreTest extends SessionStoreContract {

  private String table;

  @Override
  protected SessionStore newStore() {
    table = LocalDynamo.newTable(DynamoTables.SESSIONS);
    return new DynamoSessionStore(LocalDynamo.client(), table);
  }

  /** Another Lambda instance: its own client and store over the same table. */
  private SessionStore otherInstance() {
    return new DynamoSessionStore(LocalDynamo.client(), table);
  }

  @Test
  void aConflictingWriteFromAnotherInstanceIsRetriedAndBothChangesSurvive() {
    SessionStore other = otherInstance();
    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 10, 5, 200));
    AtomicInteger calls = new AtomicInteger();

    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> {
      if (calls.incrementAndGet() == 1) {
        // Between our read and our write, the other instance writes the row.
        other.update(KEY, row(KEY, 100), o -> o.afterRun("run-2", 1, 1, 300));
      }
      return r.afterRun("run-3", 2, 2, 400);
    });

    assertThat(calls).hasValue(2);
    assertThat(stored.turns()).isEqualTo(3);
    assertThat(stored.inputTokens()).isEqualTo(13);
    assertThat(stored.lastRunId()).isEqualTo("run-3");
    assertThat(other.get(KEY)).contains(stored);
  }

  @Test
  void twoInstancesCreatingTheSameRowAtOnceBothCount() {
    SessionStore other = otherInstance();
    AtomicInteger calls = new AtomicInteger();

    SessionInfo stored = store.update(KEY, row(KEY, 100), r -> {
      if (calls.incrementAndGet() == 1) {
        other.update(KEY, row(KEY, 100), o -> o.afterRun("run-1", 1, 1, 300));
      }
      return r.afterRun("run-2", 1, 1, 400);
    });

    assertThat(stored.turns()).isEqualTo(2);
    assertThat(store.get(KEY)).contains(stored);
  }

  @Test
  void manyInstancesUpdatingOneSessionAtOnceLoseNoChange() throws Exception {
    int instances = 4;
    int perInstance = 15;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        SessionStore instance = otherInstance();
        int n = i;
        futures.add(pool.submit(() -> {
          for (int j = 0; j < perInstance; j++) {
            String runId = "run-" + n + "-" + j;
            instance.update(KEY, row(KEY, 0), r -> r.afterRun(runId, 1, 2, System.currentTimeMillis()));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    SessionInfo row = store.get(KEY).orElseThrow();
    assertThat(row.turns()).isEqualTo(instances * perInstance);
    assertThat(row.inputTokens()).isEqualTo(instances * perInstance);
    assertThat(row.outputTokens()).isEqualTo(2L * instances * perInstance);
  }

  @Test
  void eachUpdateBumpsTheStoredVersion() {
    store.update(KEY, row(KEY, 100), r -> r);
    assertThat(version()).isEqualTo("1");

    store.update(KEY, row(KEY, 100), r -> r.afterRun("run-1", 1, 1, 200));

    assertThat(version()).isEqualTo("2");
  }

  @Test
  void aRowNamingAnotherSessionIsRefusedAndNothingIsWritten() {
    assertThatThrownBy(() -> store.update(KEY, row(KEY, 100), r -> row(OTHER_KEY, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(OTHER_KEY);

    assertThat(store.list()).isEmpty();
  }

  @Test
  void aFailedChangeLeavesTheStoredRowAlone() {
    store.update(KEY, row(KEY, 100), r -> r);

    assertThatThrownBy(() -> store.update(KEY, row(KEY, 100), r -> {
      throw new IllegalArgumentException("boom");
    })).hasMessage("boom");

    assertThat(otherInstance().get(KEY)).contains(row(KEY, 100));
  }

  @Test
  void theItemIsKeyedBySessionKeyWithNullsLeftOut() {
    store.update(KEY, row(KEY, 100), r -> r);

    var item = LocalDynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("sessionKey", AttributeValue.fromS(KEY)))).item();

    assertThat(item).containsEntry("agentId", AttributeValue.fromS("main"))
        .containsEntry("createdAt", AttributeValue.fromN("100"))
        .doesNotContainKey("lastRunId");
  }

  private String version() {
    return LocalDynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("sessionKey", AttributeValue.fromS(KEY)))).item().get("version").n();
  }
}
