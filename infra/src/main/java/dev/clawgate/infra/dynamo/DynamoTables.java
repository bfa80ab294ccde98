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

/**
 * Every DynamoDB table Clawgate uses, defined once: the tests create their tables from these definitions and
 * template.yaml must declare the same ones ({@link #cloudFormationYaml()} prints them; a test compares).
 *
 * <p>All tables bill on demand: a personal assistant's traffic is bursty and mostly idle, so provisioned
 * capacity would cost more and throttle the bursts. The template gives no {@code TableName}: CloudFormation
 * names the tables, so two stacks can live in one account, and hands each name to the functions in the
 * table's {@link Table#environmentVariable()}. The tables are retained when the stack is deleted or a table
 * must be replaced, because they hold people's conversations.
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

  public static final List<Table> ALL = List.of(SESSIONS, TRANSCRIPTS);

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
   */
  public record Table(String logicalId, String environmentVariable, String defaultName, KeyAttribute partitionKey,
      KeyAttribute sortKey, String ttlAttribute) {

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
      return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(attributes).keySchema(keys).build();
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
      yaml.append("  ").append(table.logicalId()).append(":\n")
          .append("    Type: AWS::DynamoDB::Table\n")
          .append("    DeletionPolicy: Retain\n")
          .append("    UpdateReplacePolicy: Retain\n")
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
    }
    return yaml.toString();
  }

  /** Prints {@link #cloudFormationYaml()}, for whoever edits template.yaml. */
  public static void main(String[] args) {
    System.out.print(cloudFormationYaml());
  }
}
