package dev.clawgate.infra.dynamo;

import dev.clawgate.session.RunDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS {@link RunDirectory}: one item per run id in the idempotency table ({@link DynamoTables#IDEMPOTENCY}),
 * {@code key = run#<runId>}, naming the session the run was submitted to, expiring after {@link #LIFETIME}.
 *
 * <p>The sessions dedupe the messages themselves (a run id is the session workflow's update id), so nothing here
 * decides whether a message runs; the record only routes an {@code agent.wait} that reaches another Lambda
 * instance than the {@code agent} request did. A plain put is enough: the latest submission wins, as in memory,
 * and there is nothing two writers could lose. Expired records are skipped on read, because DynamoDB deletes them
 * only eventually and DynamoDB Local never does.
 */
public final class DynamoRunDirectory implements RunDirectory {

  /**
   * How long a run can be waited for by its id alone: a day covers every run still going and every recent one;
   * an older run is looked for in the session the client names, as when the record is missing.
   */
  public static final Duration LIFETIME = Duration.ofDays(1);

  static final String PREFIX = "run#";

  private final DynamoDbTable<RunRecord> table;
  private final Clock clock;

  /** Over the table named {@code tableName}, built from {@link DynamoTables#IDEMPOTENCY}. */
  public DynamoRunDirectory(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, Clock.systemUTC());
  }

  DynamoRunDirectory(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    this.table = DynamoClients.enhanced(dynamoDb).table(tableName, RunRecord.SCHEMA);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void remember(String runId, String sessionKey) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(sessionKey, "sessionKey");
    table.putItem(new RunRecord(runId, sessionKey, TimeToLive.expiresAfter(clock.instant(), LIFETIME)));
  }

  @Override
  public Optional<String> sessionOf(String runId) {
    Key key = Key.builder().partitionValue(PREFIX + runId).build();
    // Strongly consistent: the agent.wait may follow the agent request within milliseconds, on another instance.
    RunRecord stored = table.getItem(r -> r.key(key).consistentRead(true));
    return Optional.ofNullable(stored).filter(r -> TimeToLive.isLive(r.ttl(), clock.instant()))
        .map(RunRecord::sessionKey);
  }

  /** An idempotency-table item: run {@code runId} went to {@code sessionKey}. */
  record RunRecord(String runId, String sessionKey, Long ttl) {
    static final TableSchema<RunRecord> SCHEMA = StaticImmutableTableSchema
        .builder(RunRecord.class, RunRecordBuilder.class)
        .newItemBuilder(RunRecordBuilder::new, RunRecordBuilder::build)
        .addAttribute(String.class, a -> a.name(DynamoTables.IDEMPOTENCY.partitionKey().name())
            .getter(r -> PREFIX + r.runId()).setter((b, v) -> b.runId = v.substring(PREFIX.length()))
            .tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name("sessionKey").getter(RunRecord::sessionKey)
            .setter((b, v) -> b.sessionKey = v))
        .addAttribute(Long.class, a -> a.name(TimeToLive.ATTRIBUTE).getter(RunRecord::ttl)
            .setter((b, v) -> b.ttl = v))
        .build();
  }

  private static final class RunRecordBuilder {
    private String runId;
    private String sessionKey;
    private Long ttl;

    RunRecord build() {
      return new RunRecord(runId, sessionKey, ttl);
    }
  }
}
