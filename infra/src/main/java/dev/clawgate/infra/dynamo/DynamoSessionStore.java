package dev.clawgate.infra.dynamo;

import dev.clawgate.transcript.SessionInfo;
import dev.clawgate.transcript.SessionStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The sessions index in DynamoDB ({@link DynamoTables#SESSIONS}): one item per session key.
 *
 * <p>{@link #update} is read, change, conditional write: the write carries the version it read (the Enhanced
 * Client's {@link software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension}), so when
 * another Lambda instance wrote the row in between the write is refused, and the change is applied again to
 * what that instance stored. Both changes survive; {@code change} may therefore run more than once and must
 * not have side effects (the index's changes are pure functions of the row).
 *
 * <p>{@link #list} scans the table: a personal assistant has tens or hundreds of sessions, not millions, and
 * a scan of that is cheaper than keeping a second index sorted by time.
 */
public final class DynamoSessionStore implements SessionStore {

  private final DynamoDbTable<SessionRow> table;

  /**
   * Over the table named {@code tableName}, built from {@link DynamoTables#SESSIONS}. The store makes its own
   * Enhanced Client ({@link DynamoClients#enhanced}) so the versioning extension the lock depends on cannot be
   * left out.
   */
  public DynamoSessionStore(DynamoDbClient dynamoDb, String tableName) {
    this.table = DynamoClients.enhanced(dynamoDb).table(tableName, SessionRow.SCHEMA);
  }

  @Override
  public Optional<SessionInfo> get(String sessionKey) {
    return read(sessionKey).map(SessionRow::info);
  }

  @Override
  public List<SessionInfo> list() {
    return table.scan(r -> r.consistentRead(true)).items().stream()
        .map(SessionRow::info)
        .sorted(Comparator.comparingLong(SessionInfo::updatedAt).reversed().thenComparing(SessionInfo::key))
        .toList();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the row {@code change} returns names another session key
   * @throws IllegalStateException when other writers kept winning for {@value Backoff#MAX_ATTEMPTS} attempts
   */
  @Override
  public SessionInfo update(String sessionKey, SessionInfo initial, UnaryOperator<SessionInfo> change) {
    Objects.requireNonNull(sessionKey, "session key");
    Objects.requireNonNull(change, "change");
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      Optional<SessionRow> stored = read(sessionKey);
      SessionInfo current = stored.map(SessionRow::info).orElse(initial);
      Objects.requireNonNull(current, "initial row for a new session " + sessionKey);
      SessionInfo next = Objects.requireNonNull(change.apply(current), "the changed row");
      if (!sessionKey.equals(next.key())) {
        // The key is the item's partition key: a row under another key would be written somewhere else.
        throw new IllegalArgumentException("the row for session " + sessionKey + " names session " + next.key());
      }
      try {
        table.putItem(new SessionRow(next, stored.map(SessionRow::version).orElse(null)));
        return next;
      } catch (ConditionalCheckFailedException e) {
        // Another writer stored the row since we read it: apply the change to theirs.
      }
    }
    throw new IllegalStateException("gave up updating session " + sessionKey + " after " + Backoff.MAX_ATTEMPTS
        + " attempts: other writers kept changing it first");
  }

  private Optional<SessionRow> read(String sessionKey) {
    Key key = Key.builder().partitionValue(sessionKey).build();
    return Optional.ofNullable(table.getItem(r -> r.key(key).consistentRead(true)));
  }
}
