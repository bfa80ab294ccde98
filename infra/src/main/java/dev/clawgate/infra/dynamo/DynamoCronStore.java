package dev.clawgate.infra.dynamo;

import dev.clawgate.infra.dynamo.CronItems.Job;
import dev.clawgate.infra.dynamo.CronItems.Revision;
import dev.clawgate.infra.dynamo.CronItems.Run;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Cron jobs and their run histories in DynamoDB ({@link DynamoTables#CRON_JOBS}; the items are described in
 * {@link CronItems}).
 *
 * <p>The gateway's functions (cron methods) and the worker (the scheduler's activities recording run state)
 * change jobs at the same time, so every change of a job is read, change, conditional write on the job's
 * version; a writer that lost the race applies its change again to what the winner stored, so both changes
 * survive. {@code change} may therefore run more than once and must not have side effects ({@code CronJobs}'
 * and the activities' changes are pure). A change of the jobs' definitions (add, remove, an update that changes
 * more than the run state) moves the listing's revision in the same transaction, on condition that the
 * revision is still the one read: the revision can never miss a change, nor two changes share one.
 *
 * <p>A run is recorded once per run id (a conditional put keyed by it: a retried activity records nothing). Its
 * place in the history comes from the job's run counter, an atomic increment, so the history is in the order
 * the runs were recorded, whichever instance recorded them. The history is bounded like the disk store's: the
 * append that brings the counter to a multiple of {@link #KEEP_RUNS} drops all but the newest
 * {@value #KEEP_RUNS}, so a job never holds much more than twice that.
 */
public final class DynamoCronStore implements CronStore {

  /** How many of a job's runs are kept, as on disk. */
  public static final int KEEP_RUNS = 500;

  /** DynamoDB's limit for one {@code BatchWriteItem}. */
  private static final int BATCH = 25;

  private static final Expression ABSENT = Expression.builder()
      .expression("attribute_not_exists(#pk)")
      .putExpressionName("#pk", CronItems.PARTITION_KEY)
      .build();

  private final DynamoDbClient client;
  private final String tableName;
  private final DynamoDbEnhancedClient enhanced;
  private final DynamoDbTable<Job> jobs;
  private final DynamoDbTable<Revision> revisions;
  private final DynamoDbTable<Run> runs;
  private final int keepRuns;

  /** Over the table named {@code tableName}, built from {@link DynamoTables#CRON_JOBS}. */
  public DynamoCronStore(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, KEEP_RUNS);
  }

  /** The same, keeping {@code keepRuns} runs per job (tests bound the history without writing a thousand). */
  DynamoCronStore(DynamoDbClient dynamoDb, String tableName, int keepRuns) {
    this.client = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.enhanced = DynamoClients.enhanced(dynamoDb);
    this.jobs = enhanced.table(tableName, Job.SCHEMA);
    this.revisions = enhanced.table(tableName, Revision.SCHEMA);
    this.runs = enhanced.table(tableName, Run.SCHEMA);
    this.keepRuns = keepRuns;
  }

  @Override
  public List<CronJob> list() {
    QueryConditional allJobs = QueryConditional.sortBeginsWith(Key.builder().partitionValue(CronItems.JOBS)
        .sortValue(CronItems.JOB_PREFIX).build());
    return jobs.query(r -> r.queryConditional(allJobs).consistentRead(true)).items().stream()
        .sorted(Comparator.comparingLong(Job::order))
        .map(Job::job)
        .toList();
  }

  @Override
  public Optional<CronJob> get(String jobId) {
    return readJob(jobId).map(Job::job);
  }

  @Override
  public boolean add(CronJob job) {
    Objects.requireNonNull(job, "job");
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      if (readJob(job.id()).isPresent()) {
        return false;
      }
      long revision = revision();
      TransactWriteItemsEnhancedRequest write = TransactWriteItemsEnhancedRequest.builder()
          // The versioned-record extension makes this put conditional on the job being absent.
          .addPutItem(jobs, new Job(job, revision + 1, null))
          .addPutItem(revisions, nextRevision(revision))
          .build();
      try {
        enhanced.transactWriteItems(write);
        return true;
      } catch (TransactionCanceledException e) {
        // Another instance added this job (the next read says so) or changed the listing: read and retry.
      }
    }
    throw gaveUp("adding cron job " + job.id());
  }

  @Override
  public Optional<CronJob> update(String jobId, UnaryOperator<CronJob> change) {
    Objects.requireNonNull(change, "change");
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      Optional<Job> stored = readJob(jobId);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      CronJob current = stored.get().job();
      CronJob next = Objects.requireNonNull(change.apply(current), "the changed job");
      if (!next.id().equals(jobId)) {
        throw new IllegalArgumentException("a change may not alter the job id " + jobId);
      }
      Job item = new Job(next, stored.get().order(), stored.get().version());
      try {
        if (next.sameDefinition(current)) {
          // Run state only: the listing's revision stays, as the port says.
          jobs.putItem(item);
        } else {
          long revision = revision();
          enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
              .addPutItem(jobs, item)
              .addPutItem(revisions, nextRevision(revision))
              .build());
        }
        return Optional.of(next);
      } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
        // Another instance changed the job or the listing since we read them: apply the change to theirs.
      }
    }
    throw gaveUp("updating cron job " + jobId);
  }

  @Override
  public boolean remove(String jobId) {
    // The history first, as on disk: a remove that fails half-way leaves the job, and running it again finishes.
    deleteHistory(jobId);
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      Optional<Job> stored = readJob(jobId);
      if (stored.isEmpty()) {
        return false;
      }
      long revision = revision();
      try {
        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
            .addDeleteItem(jobs, TransactDeleteItemEnhancedRequest.builder()
                .key(jobKey(jobId))
                .conditionExpression(versionIs(stored.get().version()))
                .build())
            .addPutItem(revisions, nextRevision(revision))
            .build());
        return true;
      } catch (TransactionCanceledException e) {
        // The job or the listing changed since we read them: read again.
      }
    }
    throw gaveUp("removing cron job " + jobId);
  }

  @Override
  public boolean appendRun(CronRunRecord run) {
    Objects.requireNonNull(run, "run");
    long seq = nextRunSeq(run.jobId());
    boolean recorded;
    try {
      runs.putItem(r -> r.item(new Run(run, seq)).conditionExpression(ABSENT));
      recorded = true;
    } catch (ConditionalCheckFailedException alreadyRecorded) {
      // A retried record of a run already in the history: its number goes unused, which orders nothing wrong.
      recorded = false;
    }
    if (seq % keepRuns == 0) {
      trimHistory(run.jobId());
    }
    return recorded;
  }

  @Override
  public List<CronRunRecord> runs(String jobId) {
    List<Run> history = history(jobId);
    return history.subList(Math.max(0, history.size() - keepRuns), history.size()).stream()
        .map(Run::run).toList();
  }

  @Override
  public long revision() {
    Key key = Key.builder().partitionValue(CronItems.JOBS).sortValue(CronItems.REVISION).build();
    Revision stored = revisions.getItem(r -> r.key(key).consistentRead(true));
    return stored == null ? 0 : stored.revision();
  }

  private Optional<Job> readJob(String jobId) {
    return Optional.ofNullable(jobs.getItem(r -> r.key(jobKey(jobId)).consistentRead(true)));
  }

  /** The revision item moved from {@code read} to the next, on condition that it still holds {@code read}. */
  private TransactPutItemEnhancedRequest<Revision> nextRevision(long read) {
    Expression stillRead = read == 0 ? ABSENT : Expression.builder()
        .expression("#revision = :revision")
        .putExpressionName("#revision", CronItems.REVISION)
        .putExpressionValue(":revision", AttributeValue.fromN(Long.toString(read)))
        .build();
    return TransactPutItemEnhancedRequest.builder(Revision.class)
        .item(new Revision(read + 1))
        .conditionExpression(stillRead)
        .build();
  }

  /** The job's run counter, moved on by one: an atomic increment, so two instances never get the same number. */
  private long nextRunSeq(String jobId) {
    Map<String, AttributeValue> updated = client.updateItem(b -> b.tableName(tableName)
        .key(Map.of(CronItems.PARTITION_KEY, AttributeValue.fromS(CronItems.runsPartition(jobId)),
            CronItems.SORT_KEY, AttributeValue.fromS(CronItems.HEAD)))
        .updateExpression("ADD #seq :one")
        .expressionAttributeNames(Map.of("#seq", "seq"))
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
    return Long.parseLong(updated.get("seq").n());
  }

  /** The job's runs, oldest first. */
  private List<Run> history(String jobId) {
    QueryConditional allRuns = QueryConditional.sortBeginsWith(Key.builder()
        .partitionValue(CronItems.runsPartition(jobId)).sortValue(CronItems.RUN_PREFIX).build());
    List<Run> history = new ArrayList<>(runs.query(r -> r.queryConditional(allRuns).consistentRead(true)).items()
        .stream().toList());
    history.sort(Comparator.comparingLong(Run::seq));
    return history;
  }

  /** Drops all but the newest {@code keepRuns} runs. */
  private void trimHistory(String jobId) {
    List<Run> history = history(jobId);
    List<Map<String, AttributeValue>> oldest = new ArrayList<>();
    for (Run run : history.subList(0, Math.max(0, history.size() - keepRuns))) {
      oldest.add(Map.of(CronItems.PARTITION_KEY, AttributeValue.fromS(CronItems.runsPartition(jobId)),
          CronItems.SORT_KEY, AttributeValue.fromS(CronItems.RUN_PREFIX + run.run().runId())));
    }
    deleteAll(oldest);
  }

  /** Deletes every item of the job's history partition: its runs and its counter. */
  private void deleteHistory(String jobId) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    client.queryPaginator(b -> b.tableName(tableName).consistentRead(true)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", CronItems.PARTITION_KEY, "#sk", CronItems.SORT_KEY))
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CronItems.runsPartition(jobId))))
            .projectionExpression("#pk, #sk"))
        .items().forEach(keys::add);
    deleteAll(keys);
  }

  /** Deletes the items with these keys, in batches, until DynamoDB has processed every one. */
  private void deleteAll(List<Map<String, AttributeValue>> keys) {
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> key : keys.subList(from, Math.min(keys.size(), from + BATCH))) {
        batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt >= Backoff.MAX_ATTEMPTS) {
          throw gaveUp("deleting cron run history");
        }
        if (attempt > 0) {
          Backoff.pause(attempt);
        }
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }

  private static Key jobKey(String jobId) {
    return Key.builder().partitionValue(CronItems.JOBS).sortValue(CronItems.JOB_PREFIX + jobId).build();
  }

  private static Expression versionIs(Long version) {
    return Expression.builder()
        .expression("#version = :version")
        .putExpressionName("#version", "version")
        .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version)))
        .build();
  }

  private static IllegalStateException gaveUp(String what) {
    return new IllegalStateException("gave up " + what + " after " + Backoff.MAX_ATTEMPTS
        + " attempts: other writers kept changing the cron table first");
  }
}
