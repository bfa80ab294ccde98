package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronStore;
import dev.clawgate.schedule.CronStoreContract;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoCronStoreTest extends CronStoreContract {

  private static final int KEEP = 5;

  private String table;

  @Override
  protected CronStore newStore() {
    table = LocalDynamo.newTable(DynamoTables.CRON_JOBS);
    return new DynamoCronStore(LocalDynamo.client(), table, KEEP);
  }

  /** Another instance (a Lambda function, or the worker): its own client and store over the same table. */
  private CronStore otherInstance() {
    return new DynamoCronStore(LocalDynamo.client(), table, KEEP);
  }

  @Test
  void jobsAreListedInTheOrderTheyWereAddedWhicheverInstanceAddedThem() {
    store.add(job("job-b", 5_000));
    otherInstance().add(job("job-a", 1_000));
    store.add(job("job-c", 3_000));

    assertThat(otherInstance().list()).extracting(CronJob::id).containsExactly("job-b", "job-a", "job-c");
  }

  @Test
  void aStateChangeFromTheWorkerRacingADefinitionChangeKeepsBoth() {
    CronStore worker = otherInstance();
    store.add(job("job-1", 1_000));
    long before = store.revision();
    AtomicInteger calls = new AtomicInteger();

    CronJob stored = store.update("job-1", j -> {
      if (calls.incrementAndGet() == 1) {
        worker.update("job-1", w -> w.withState(w.state().withNextRunAtMs(77_000L)));
      }
      return j.withEnabled(false, 2_000);
    }).orElseThrow();

    assertThat(calls).hasValue(2);
    assertThat(stored.enabled()).isFalse();
    assertThat(stored.state().nextRunAtMs()).isEqualTo(77_000L);
    assertThat(worker.get("job-1")).contains(stored);
    assertThat(store.revision()).isEqualTo(before + 1);
  }

  @Test
  void twoInstancesAddingTheSameIdAtOnceStoreOneJob() {
    CronStore other = otherInstance();

    assertThat(store.add(job("job-1", 1_000))).isTrue();
    assertThat(other.add(job("job-1", 2_000))).isFalse();

    assertThat(other.list()).extracting(CronJob::createdAtMs).containsExactly(1_000L);
  }

  @Test
  void aRunRecordedOnAnotherInstanceIsNotRecordedAgain() {
    store.add(job("job-1", 1_000));

    assertThat(store.appendRun(run("job-1", "cron:job-1:10", 10))).isTrue();
    assertThat(otherInstance().appendRun(run("job-1", "cron:job-1:10", 10))).isFalse();

    assertThat(store.runs("job-1")).hasSize(1);
  }

  @Test
  void historyIsTrimmedToTheNewestRunsAndNeverGrowsPastTwiceTheBound() {
    store.add(job("job-1", 1_000));
    int total = 3 * KEEP + 2;
    for (int i = 0; i < total; i++) {
      store.appendRun(run("job-1", "cron:job-1:" + i, i));
      assertThat(storedRuns("job-1")).isLessThanOrEqualTo(2 * KEEP);
    }

    assertThat(store.runs("job-1")).hasSize(KEEP).extracting(CronRunRecord::runId)
        .endsWith("cron:job-1:" + (total - 1));
  }

  @Test
  void removingAJobLeavesNothingOfItsHistoryInTheTable() {
    store.add(job("job-1", 1_000));
    for (int i = 0; i < 30; i++) {
      store.appendRun(run("job-1", "cron:job-1:" + i, i));
    }

    store.remove("job-1");

    assertThat(LocalDynamo.client().query(b -> b.tableName(table)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("runs#job-1")))).count()).isZero();
  }

  private int storedRuns(String jobId) {
    return LocalDynamo.client().query(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk and begins_with(sk, :run)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("runs#" + jobId),
            ":run", AttributeValue.fromS("run#")))).count();
  }
}
