package dev.clawgate.infra.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Every DynamoDB table Clawgate uses, defined once: the tests create their tables from these definitions and
 * template.yaml must declare the same ones ({@link #cloudFormationYaml()} prints them; a test compares).
 *
 * <p>All tables bill on demand: a personal assistant's traffic is bursty and mostly idle, so provisioned
 * capacity would cost more and throttle the bursts. The template gives no {@code TableName}: CloudFormation
 * names the tables, so two stacks can live in one account, and hands each name to the functions in the
 * table's {@link Table#environmentVariable()}. A table with items that never expire (sessions, transcripts,
 * devices, cron jobs) is retained when the stack is deleted or the table must be replaced, because it holds
 * people's conversations and settings; a table whose items all expire (connections, pending responses,
 * idempotency records) holds nothing worth keeping a day later, so it goes with the stack.
 */
public final class DynamoTables {

  /** The sessions index: one item per session key, see {@link DynamoSessionStore}. */
  public static final Table SESSIONS = new Table("SessionsTable", "CLAWGATE_SESSIONS_TABLE", "clawgate-sessions",
      new KeyAttribute("sessionKey", ScalarAttributeType.S), null, null);

  /**
   * Transcripts: several kinds of item per session key (entries, entry-id markers, a head), told apart by the
   * sort key, see {@link DynamoTranscriptStore}.
   */
  public static final Table TRANSCRIPTS = new Table("TranscriptsTable", "CLAWGATE_TRANSCRIPTS_TABLE",
      "clawgate-transcripts", new KeyAttribute("sessionKey", ScalarAttributeType.S),
      new KeyAttribute("sk", ScalarAttributeType.S), null);

  /**
   * One item per open WebSocket connection on API Gateway: handshake progress, nonce, role, scopes and
   * subscriptions, because each frame may reach a different Lambda instance. Its stream (new images) is what
   * sends {@code connect.challenge}: nothing can be posted to a connection while {@code $connect} runs, and the
   * insert's stream record reaches the challenge function right after it returned. Items expire, because
   * {@code $disconnect} is delivered on a best-effort basis and a lost one must not leave a record forever.
   */
  public static final Table CONNECTIONS = new Table("ConnectionsTable", "CLAWGATE_CONNECTIONS_TABLE",
      "clawgate-connections", new KeyAttribute("connectionId", ScalarAttributeType.S), null, TimeToLive.ATTRIBUTE,
      StreamViewType.NEW_IMAGE);

  /**
   * Pending {@code agent} responses: the final answer a request is waiting for, keyed by run and by the request
   * that waits (several connections may wait for one run).
   */
  public static final Table PENDING_RESPONSES = new Table("PendingResponsesTable",
      "CLAWGATE_PENDING_RESPONSES_TABLE", "clawgate-pending-responses",
      new KeyAttribute("runId", ScalarAttributeType.S), new KeyAttribute("requestKey", ScalarAttributeType.S),
      TimeToLive.ATTRIBUTE);

  /**
   * Idempotency keys seen recently: which session each run id (an {@code agent} or {@code chat.send}
   * idempotency key) was submitted to, because {@code agent.wait} names only the run and may reach another
   * Lambda instance than the request that started it, see {@link DynamoRunDirectory}. The sessions themselves
   * dedupe the messages; these records only route. They expire.
   */
  public static final Table IDEMPOTENCY = new Table("IdempotencyTable", "CLAWGATE_IDEMPOTENCY_TABLE",
      "clawgate-idempotency", new KeyAttribute("key", ScalarAttributeType.S), null, TimeToLive.ATTRIBUTE);

  /**
   * Device pairing: one item per device, holding its paired record, its pending pairing request, or both
   * (a scope upgrade), see {@link DynamoDeviceStore}. Only an item that holds nothing but a pending request
   * carries {@code ttl}, so DynamoDB removes forgotten requests and never a paired device; the table is retained.
   */
  public static final Table DEVICES = new Table("DevicesTable", "CLAWGATE_DEVICES_TABLE", "clawgate-devices",
      new KeyAttribute("deviceId", ScalarAttributeType.S), null, TimeToLive.ATTRIBUTE, null, true);

  /**
   * Cron jobs and their run histories, told apart by the keys, see {@link CronItems}: the jobs and the
   * listing's revision share one partition (a listing is one query), each job's history has its own.
   */
  public static final Table CRON_JOBS = new Table("CronJobsTable", "CLAWGATE_CRON_JOBS_TABLE", "clawgate-cron-jobs",
      new KeyAttribute("pk", ScalarAttributeType.S), new KeyAttribute("sk", ScalarAttributeType.S), null);

  public static final List<Table> ALL = List.of(SESSIONS, TRANSCRIPTS, CONNECTIONS, PENDING_RESPONSES, IDEMPOTENCY,
      DEVICES, CRON_JOBS);

  private DynamoTables() {}

  /** A key attribute: its name and its DynamoDB scalar type. */
  public record KeyAttribute(String name, ScalarAttributeType type) {}

  /**
   * One table.
   *
   * @param logicalId the resource name in template.yaml
   * @param environmentVariable where a function finds the table's real name
   * @param defaultName the name used when that variable is unset (a home server, DynamoDB Local)
   * @param sortKey null for a table keyed by its partition key alone
   * @param ttlAttribute the epoch-seconds attribute DynamoDB expires items by; null when items never expire
   * @param stream what the table's stream carries; null for a table without a stream
   * @param retained whether the table outlives its stack: true when some of its items never expire (they hold
   *     people's conversations and settings), false when all of them do
   */
  public record Table(String logicalId, String environmentVariable, String defaultName, KeyAttribute partitionKey,
      KeyAttribute sortKey, String ttlAttribute, StreamViewType stream, boolean retained) {

    /** A table whose items all expire when it has a TTL attribute, and never otherwise. */
    public Table(String logicalId, String environmentVariable, String defaultName, KeyAttribute partitionKey,
        KeyAttribute sortKey, String ttlAttribute, StreamViewType stream) {
      this(logicalId, environmentVariable, defaultName, partitionKey, sortKey, ttlAttribute, stream,
          ttlAttribute == null);
    }

    /** The same, without a stream. */
    public Table(String logicalId, String environmentVariable, String defaultName, KeyAttribute partitionKey,
        KeyAttribute sortKey, String ttlAttribute) {
      this(logicalId, environmentVariable, defaultName, partitionKey, sortKey, ttlAttribute, null);
    }

    /** The table's name in this environment. */
    public String nameIn(Map<String, String> env) {
      String name = env.get(environmentVariable);
      return name == null || name.isBlank() ? defaultName : name;
    }

    /** What creates this table under {@code name}, on demand. */
    public CreateTableRequest createRequest(String name) {
      List<AttributeDefinition> attributes = new ArrayList<>();
      List<KeySchemaElement> keys = new ArrayList<>();
      for (KeyAttribute key : keys()) {
        attributes.add(AttributeDefinition.builder().attributeName(key.name()).attributeType(key.type()).build());
        keys.add(KeySchemaElement.builder().attributeName(key.name()).keyType(keyType(keys.size())).build());
      }
      CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
          .billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributes).keySchema(keys);
      if (stream != null) {
        request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(stream).build());
      }
      return request.build();
    }

    /**
     * Creates this table under {@code name}, waits until it is active and switches on its TTL: what a home
     * server's setup and the tests do; on AWS, template.yaml does it.
     */
    public void create(DynamoDbClient client, String name) {
      client.createTable(createRequest(name));
      client.waiter().waitUntilTableExists(b -> b.tableName(name));
      if (ttlAttribute != null) {
        client.updateTimeToLive(b -> b.tableName(name)
            .timeToLiveSpecification(ttl -> ttl.attributeName(ttlAttribute).enabled(true)));
      }
    }

    /** The partition key, then the sort key if any: the order of a key schema. */
    private List<KeyAttribute> keys() {
      return sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey);
    }
  }

  private static KeyType keyType(int position) {
    return position == 0 ? KeyType.HASH : KeyType.RANGE;
  }

  /**
   * The tables as CloudFormation {@code AWS::DynamoDB::Table} resources: a YAML document whose
   * {@code Resources} block can be pasted into template.yaml and compared with it.
   */
  public static String cloudFormationYaml() {
    return cloudFormationYaml(ALL);
  }

  static String cloudFormationYaml(List<Table> tables) {
    StringBuilder yaml = new StringBuilder("Resources:\n");
    for (Table table : tables) {
      String policy = table.retained() ? "Retain" : "Delete";
      yaml.append("  ").append(table.logicalId()).append(":\n")
          .append("    Type: AWS::DynamoDB::Table\n")
          .append("    DeletionPolicy: ").append(policy).append('\n')
          .append("    UpdateReplacePolicy: ").append(policy).append('\n')
          .append("    Properties:\n")
          .append("      BillingMode: PAY_PER_REQUEST\n")
          .append("      AttributeDefinitions:\n");
      for (KeyAttribute key : table.keys()) {
        yaml.append("        - AttributeName: ").append(key.name()).append('\n')
            .append("          AttributeType: ").append(key.type()).append('\n');
      }
      yaml.append("      KeySchema:\n");
      List<KeyAttribute> keys = table.keys();
      for (int i = 0; i < keys.size(); i++) {
        yaml.append("        - AttributeName: ").append(keys.get(i).name()).append('\n')
            .append("          KeyType: ").append(keyType(i)).append('\n');
      }
      if (table.ttlAttribute() != null) {
        yaml.append("      TimeToLiveSpecification:\n")
            .append("        AttributeName: ").append(table.ttlAttribute()).append('\n')
            .append("        Enabled: true\n");
      }
      if (table.stream() != null) {
        yaml.append("      StreamSpecification:\n")
            .append("        StreamViewType: ").append(table.stream()).append('\n');
      }
    }
    return yaml.toString();
  }

  /**
   * Creates every table of {@link #ALL} that does not exist yet, each under its name in {@code env}, and returns
   * the names it created. What a home server runs once against DynamoDB Local or LocalStack (on AWS the template
   * creates the tables); running it again creates nothing.
   */
  public static List<String> createMissing(DynamoDbClient client, Map<String, String> env) {
    List<String> existing = client.listTablesPaginator().tableNames().stream().toList();
    List<String> created = new ArrayList<>();
    for (Table table : ALL) {
      String name = table.nameIn(env);
      if (!existing.contains(name)) {
        table.create(client, name);
        created.add(name);
      }
    }
    return created;
  }

  /**
   * {@code DynamoTables} prints {@link #cloudFormationYaml()}, for whoever edits template.yaml;
   * {@code DynamoTables create} creates the missing tables ({@link #createMissing}) where the environment points
   * the SDK ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_REGION}, the {@code CLAWGATE_*_TABLE} names).
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("create")) {
      List<String> created = createMissing(DynamoClients.shared(), System.getenv());
      System.out.println(created.isEmpty() ? "all tables exist" : "created " + String.join(", ", created));
    } else if (args.length == 0) {
      System.out.print(cloudFormationYaml());
    } else {
      System.err.println("usage: DynamoTables          print the tables as CloudFormation resources");
      System.err.println("       DynamoTables create   create the missing tables where the AWS SDK's settings point");
      System.exit(2);
    }
  }
}
