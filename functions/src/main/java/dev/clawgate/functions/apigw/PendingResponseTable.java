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
 */
public final class PendingResponseTable {

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
    Instant now = Instant.now();
    for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("runId = :run").expressionAttributeValues(Map.of(":run", s(runId)))).items()) {
      AttributeValue ttl = item.get(TimeToLive.ATTRIBUTE);
      if (!TimeToLive.isLive(ttl == null ? null : Long.parseLong(ttl.n()), now)) {
        continue;
      }
      found.add(new PendingResponse(item.get("runId").s(), item.get("connectionId").s(), item.get("requestId").s(),
          item.get("sessionKey").s(), item.get("agentId").s(), item.get("kind").s()));
    }
    return found;
  }

  public void delete(PendingResponse pending) {
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("runId", s(pending.runId()),
        "requestKey", s(pending.requestKey()))));
  }
}
