package dev.clawgate.functions.apigw;

import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.infra.dynamo.TimeToLive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One item per open connection ({@link DynamoTables#CONNECTIONS}): its {@link ConnectionState} and its event
 * counter. The low-level client rather than the Enhanced Client, because the two writers touch different
 * attributes: a frame's Lambda sets the state, the worker only adds to {@code eventSeq}, and neither may
 * overwrite the other's (an Enhanced Client put would write the whole item).
 *
 * <p>Items live {@link #LIFETIME}: API Gateway closes a connection after two hours at most, and a lost
 * {@code $disconnect} must not leave the item forever. Reads treat an expired item as absent (DynamoDB
 * deletes late, DynamoDB Local never).
 */
public final class ConnectionTable {

  /** API Gateway's longest connection (2 h) plus a margin. */
  public static final Duration LIFETIME = Duration.ofHours(3);

  /** Attribute names the challenge function reads from the stream's new image. */
  public static final String ID = "connectionId";
  public static final String ENDPOINT = "endpoint";
  public static final String NONCE = "nonce";
  public static final String CHALLENGE_TS = "challengeTs";
  private static final String EVENT_SEQ = "eventSeq";

  private final DynamoDbClient dynamo;
  private final String table;

  public ConnectionTable(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * Records a connection that just opened; its stream record (INSERT) is what sends the challenge on AWS, so the
   * item carries the management API {@code endpoint} to post it through.
   */
  public void create(ConnectionState state, String endpoint) {
    Map<String, AttributeValue> item = new HashMap<>(attributes(state));
    item.put(ID, s(state.connId()));
    item.put(ENDPOINT, s(endpoint));
    item.put(EVENT_SEQ, n(0));
    item.put(TimeToLive.ATTRIBUTE, n(TimeToLive.expiresAfter(Instant.now(), LIFETIME)));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  public Optional<ConnectionState> find(String connId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(connId)).consistentRead(true))
        .item();
    if (item == null || item.isEmpty() || !TimeToLive.isLive(longOrNull(item.get(TimeToLive.ATTRIBUTE)),
        Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(state(item));
  }

  /** Stores a connection's new state; false when the connection is gone (disconnected meanwhile). */
  public boolean save(ConnectionState state) {
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder();
    Map<String, String> names = new HashMap<>();
    int i = 0;
    for (Map.Entry<String, AttributeValue> attribute : attributes(state).entrySet()) {
      set.append(set.length() == 0 ? "SET " : ", ").append("#a").append(i).append(" = :v").append(i);
      names.put("#a" + i, attribute.getKey());
      values.put(":v" + i, attribute.getValue());
      i++;
    }
    names.put("#id", ID);
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(state.connId())).updateExpression(set.toString())
          .conditionExpression("attribute_exists(#id)").expressionAttributeNames(names)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * The connection's next event number: an atomic add, so the Lambda that answers a frame and the worker that
   * streams a run number their events from one sequence. Empty when the connection is gone.
   *
   * <p>One write per event, on purpose: reserving a block of numbers per run would save writes but leave holes
   * (numbers the Lambda takes meanwhile arrive out of order, a block's unused rest is skipped), and OpenClaw's
   * clients treat a hole as lost events: the Control UI reconnects, the TUI reports a gap and reloads history.
   */
  public Optional<Long> nextEventSeq(String connId) {
    try {
      Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table).key(key(connId))
          .updateExpression("ADD #seq :one").conditionExpression("attribute_exists(#id)")
          .expressionAttributeNames(Map.of("#seq", EVENT_SEQ, "#id", ID))
          .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.UPDATED_NEW)).attributes();
      return Optional.of(Long.parseLong(updated.get(EVENT_SEQ).n()));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  /**
   * The ids of every live connection that completed the handshake, for what every client hears (ticks,
   * heartbeats). A scan with a filter: it reads the whole table, which at personal scale is a handful of items
   * (one per open client); a deployment with thousands of connections would want an index on {@code phase}.
   */
  public List<String> connectedIds() {
    List<String> ids = new ArrayList<>();
    Instant now = Instant.now();
    for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
        .filterExpression("#phase = :connected").projectionExpression("#id, #ttl")
        .expressionAttributeNames(Map.of("#phase", "phase", "#id", ID, "#ttl", TimeToLive.ATTRIBUTE))
        .expressionAttributeValues(Map.of(":connected", s(ConnectionState.Phase.CONNECTED.name())))).items()) {
      if (TimeToLive.isLive(longOrNull(item.get(TimeToLive.ATTRIBUTE)), now)) {
        ids.add(item.get(ID).s());
      }
    }
    return ids;
  }

  public void delete(String connId) {
    dynamo.deleteItem(b -> b.tableName(table).key(key(connId)));
  }

  private static Map<String, AttributeValue> key(String connId) {
    return Map.of(ID, s(connId));
  }

  private static Map<String, AttributeValue> attributes(ConnectionState state) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("phase", s(state.phase().name()));
    item.put(NONCE, s(state.nonce()));
    item.put(CHALLENGE_TS, n(state.challengeTs()));
    item.put("scopes", AttributeValue.fromL(state.scopes().stream().sorted().map(ConnectionTable::s).toList()));
    item.put("remoteAddress", s(state.remoteAddress() == null ? "" : state.remoteAddress()));
    item.put("proxied", AttributeValue.fromBool(state.proxied()));
    putIfPresent(item, "role", state.role());
    putIfPresent(item, "clientId", state.clientId());
    putIfPresent(item, "clientMode", state.clientMode());
    putIfPresent(item, "origin", state.origin());
    return item;
  }

  private static ConnectionState state(Map<String, AttributeValue> item) {
    Set<String> scopes = new LinkedHashSet<>();
    AttributeValue list = item.get("scopes");
    if (list != null && list.hasL()) {
      for (AttributeValue scope : list.l()) {
        scopes.add(scope.s());
      }
    }
    AttributeValue proxied = item.get("proxied");
    return new ConnectionState(item.get(ID).s(), ConnectionState.Phase.valueOf(item.get("phase").s()),
        item.get("nonce").s(), Long.parseLong(item.get("challengeTs").n()), text(item, "role"), scopes,
        text(item, "clientId"), text(item, "clientMode"), text(item, "remoteAddress"), text(item, "origin"),
        proxied != null && Boolean.TRUE.equals(proxied.bool()));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static Long longOrNull(AttributeValue value) {
    return value == null || value.n() == null ? null : Long.parseLong(value.n());
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
