package dev.clawgate.functions.apigw;

import static dev.clawgate.functions.apigw.ConnectionTable.n;
import static dev.clawgate.functions.apigw.ConnectionTable.s;

import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.infra.dynamo.TimeToLive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pending {@code agent} answers ({@link DynamoTables#PENDING_RESPONSES}), keyed by run id and
 * {@code connectionId#requestId}: written by the Lambda that accepted the request, read and deleted by the
 * worker's {@link ApiGatewayEventSink} when the run streams and ends. Records expire after
 * {@link #LIFETIME}, and expired ones are ignored on read.
 *
 * <p>The same table holds who watches a session's {@code chat} events ({@link SessionWatch}): partition
 * {@code session:<key>}, one item per connection, {@code kind} {@value #CHAT}. Both are "where the worker posts
 * a run's events", read on the same path, so one table and one IAM grant serve both. Every read filters on
 * {@code kind}, so a client-chosen run id that happens to look like a session partition mixes nothing up.
 * Watches live as long as a connection can ({@link ConnectionTable#LIFETIME}); the sink removes a watch as soon
 * as its connection is found gone.
 */
public final class PendingResponseTable {

  /** {@code kind} of a session watch. */
  public static final String CHAT = "chat";
  private static final String SESSION_PARTITION = "session:";

  /** A queued run may wait long behind others; a day bounds what a lost record costs. */
  public static final Duration LIFETIME = Duration.ofDays(1);

  private final DynamoDbClient dynamo;
  private final String table;

  public PendingResponseTable(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public void put(PendingResponse pending) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("runId", s(pending.runId()));
    item.put("requestKey", s(pending.requestKey()));
    item.put("connectionId", s(pending.connectionId()));
    item.put("requestId", s(pending.requestId()));
    item.put("sessionKey", s(pending.sessionKey()));
    item.put("agentId", s(pending.agentId()));
    item.put("kind", s(pending.kind()));
    item.put(TimeToLive.ATTRIBUTE, n(TimeToLive.expiresAfter(Instant.now(), LIFETIME)));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /** Every live request waiting on {@code runId}. */
  public List<PendingResponse> forRun(String runId) {
    List<PendingResponse> found = new ArrayList<>();
    for (Map<String, AttributeValue> item : live(runId)) {
      if (!PendingResponse.AGENT.equals(text(item, "kind"))) {
        continue;
      }
      found.add(new PendingResponse(item.get("runId").s(), item.get("connectionId").s(), item.get("requestId").s(),
          item.get("sessionKey").s(), item.get("agentId").s(), item.get("kind").s()));
    }
    return found;
  }

  /** Records that {@code watch.connectionId()} hears {@code watch.sessionKey()}'s chat events (idempotent). */
  public void watch(SessionWatch watch) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("runId", s(SESSION_PARTITION + watch.sessionKey()));
    item.put("requestKey", s(watch.connectionId()));
    item.put("connectionId", s(watch.connectionId()));
    item.put("sessionKey", s(watch.sessionKey()));
    item.put("kind", s(CHAT));
    item.put(TimeToLive.ATTRIBUTE, n(TimeToLive.expiresAfter(Instant.now(), ConnectionTable.LIFETIME)));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /** Every connection watching {@code sessionKey}. */
  public List<SessionWatch> watchers(String sessionKey) {
    List<SessionWatch> found = new ArrayList<>();
    for (Map<String, AttributeValue> item : live(SESSION_PARTITION + sessionKey)) {
      if (CHAT.equals(text(item, "kind"))) {
        found.add(new SessionWatch(item.get("sessionKey").s(), item.get("connectionId").s()));
      }
    }
    return found;
  }

  public void unwatch(SessionWatch watch) {
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("runId", s(SESSION_PARTITION + watch.sessionKey()),
        "requestKey", s(watch.connectionId()))));
  }

  private List<Map<String, AttributeValue>> live(String partition) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Instant now = Instant.now();
    for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("runId = :run").expressionAttributeValues(Map.of(":run", s(partition)))).items()) {
      AttributeValue ttl = item.get(TimeToLive.ATTRIBUTE);
      if (TimeToLive.isLive(ttl == null ? null : Long.parseLong(ttl.n()), now)) {
        found.add(item);
      }
    }
    return found;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  public void delete(PendingResponse pending) {
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("runId", s(pending.runId()),
        "requestKey", s(pending.requestKey()))));
  }
}
