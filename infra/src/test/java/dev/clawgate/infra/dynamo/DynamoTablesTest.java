package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoTablesTest {

  @Test
  void everyTableIsCreatedOnDemandWithTheKeysItsDefinitionNames() {
    for (DynamoTables.Table table : DynamoTables.ALL) {
      String name = LocalDynamo.newTable(table);

      TableDescription created = LocalDynamo.client().describeTable(b -> b.tableName(name)).table();

      assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(created.keySchema().get(0).attributeName()).isEqualTo(table.partitionKey().name());
      assertThat(created.keySchema().get(0).keyType()).isEqualTo(KeyType.HASH);
      if (table.sortKey() != null) {
        assertThat(created.keySchema().get(1).attributeName()).isEqualTo(table.sortKey().name());
        assertThat(created.keySchema().get(1).keyType()).isEqualTo(KeyType.RANGE);
      }
    }
  }

  @Test
  void createMissingCreatesEachAbsentTableOnceUnderItsConfiguredName() {
    Map<String, String> env = new HashMap<>();
    String prefix = "home-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    DynamoTables.ALL.forEach(table -> env.put(table.environmentVariable(), prefix + table.defaultName()));
    DynamoTables.SESSIONS.create(LocalDynamo.client(), prefix + "clawgate-sessions");

    List<String> created = DynamoTables.createMissing(LocalDynamo.client(), env);
    List<String> again = DynamoTables.createMissing(LocalDynamo.client(), env);

    assertThat(created).hasSize(DynamoTables.ALL.size() - 1).allMatch(name -> name.startsWith(prefix))
        .doesNotContain(prefix + "clawgate-sessions");
    assertThat(again).isEmpty();
    TableDescription connections = LocalDynamo.client()
        .describeTable(b -> b.tableName(prefix + "clawgate-connections")).table();
    assertThat(connections.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
  }

  @Test
  void theTableNameComesFromItsEnvironmentVariableElseTheDefault() {
    assertThat(DynamoTables.SESSIONS.nameIn(Map.of("CLAWGATE_SESSIONS_TABLE", "prod-Sessions-1X2Y")))
        .isEqualTo("prod-Sessions-1X2Y");
    assertThat(DynamoTables.SESSIONS.nameIn(Map.of())).isEqualTo("clawgate-sessions");
    assertThat(DynamoTables.TRANSCRIPTS.nameIn(Map.of("CLAWGATE_TRANSCRIPTS_TABLE", "")))
        .isEqualTo("clawgate-transcripts");
  }

  @Test
  void cloudFormationDeclaresTablesThatKeepTheirItemsOnDemandAndRetained() {
    assertThat(DynamoTables.cloudFormationYaml(List.of(DynamoTables.SESSIONS, DynamoTables.TRANSCRIPTS)))
        .isEqualTo("""
        Resources:
          SessionsTable:
            Type: AWS::DynamoDB::Table
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: sessionKey
                  AttributeType: S
              KeySchema:
                - AttributeName: sessionKey
                  KeyType: HASH
          TranscriptsTable:
            Type: AWS::DynamoDB::Table
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: sessionKey
                  AttributeType: S
                - AttributeName: sk
                  AttributeType: S
              KeySchema:
                - AttributeName: sessionKey
                  KeyType: HASH
                - AttributeName: sk
                  KeyType: RANGE
        """);
  }

  @Test
  void cloudFormationDeletesATableWhoseItemsExpireWithItsStackAndDeclaresItsStream() {
    assertThat(DynamoTables.cloudFormationYaml(List.of(DynamoTables.CONNECTIONS))).isEqualTo("""
        Resources:
          ConnectionsTable:
            Type: AWS::DynamoDB::Table
            DeletionPolicy: Delete
            UpdateReplacePolicy: Delete
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: connectionId
                  AttributeType: S
              KeySchema:
                - AttributeName: connectionId
                  KeyType: HASH
              TimeToLiveSpecification:
                AttributeName: ttl
                Enabled: true
              StreamSpecification:
                StreamViewType: NEW_IMAGE
        """);
  }

  @Test
  void everyTableIsDefinedOnceWithTheAgreedNames() {
    assertThat(DynamoTables.ALL).extracting(DynamoTables.Table::logicalId).containsExactly("SessionsTable",
        "TranscriptsTable", "ConnectionsTable", "PendingResponsesTable", "IdempotencyTable", "DevicesTable",
        "CronJobsTable");
    for (DynamoTables.Table table : DynamoTables.ALL) {
      String name = table.logicalId().substring(0, table.logicalId().length() - "Table".length());
      String upper = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      assertThat(table.environmentVariable()).isEqualTo("CLAWGATE_" + upper + "_TABLE");
    }
    assertThat(DynamoTables.PENDING_RESPONSES.partitionKey().name()).isEqualTo("runId");
    assertThat(DynamoTables.PENDING_RESPONSES.sortKey().name()).isEqualTo("requestKey");
    assertThat(DynamoTables.IDEMPOTENCY.partitionKey().name()).isEqualTo("key");
    assertThat(DynamoTables.DEVICES.partitionKey().name()).isEqualTo("deviceId");
    assertThat(DynamoTables.CRON_JOBS.partitionKey().name()).isEqualTo("pk");
    assertThat(DynamoTables.CRON_JOBS.sortKey().name()).isEqualTo("sk");
    assertThat(DynamoTables.ALL).filteredOn(table -> table.ttlAttribute() != null)
        .extracting(DynamoTables.Table::logicalId)
        .containsExactly("ConnectionsTable", "PendingResponsesTable", "IdempotencyTable", "DevicesTable");
    assertThat(DynamoTables.ALL).filteredOn(DynamoTables.Table::retained)
        .extracting(DynamoTables.Table::logicalId)
        .containsExactly("SessionsTable", "TranscriptsTable", "DevicesTable", "CronJobsTable");
  }

  @Test
  void aStreamedTableStreamsNewImagesAndAnExpiringOneHasItsTimeToLiveOn() {
    String name = LocalDynamo.newTable(DynamoTables.CONNECTIONS);

    TableDescription created = LocalDynamo.client().describeTable(b -> b.tableName(name)).table();
    TimeToLiveDescription ttl = LocalDynamo.client().describeTimeToLive(b -> b.tableName(name))
        .timeToLiveDescription();

    assertThat(created.streamSpecification().streamEnabled()).isTrue();
    assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
    assertThat(created.latestStreamArn()).isNotBlank();
    assertThat(ttl.attributeName()).isEqualTo(TimeToLive.ATTRIBUTE);
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
  }

  @Test
  void aTableWithATtlAttributeDeclaresItsTimeToLive() {
    DynamoTables.Table expiring = new DynamoTables.Table("IdempotencyTable", "X", "x",
        new DynamoTables.KeyAttribute("key", ScalarAttributeType.S), null, TimeToLive.ATTRIBUTE);

    assertThat(DynamoTables.cloudFormationYaml(List.of(expiring))).endsWith("""
              KeySchema:
                - AttributeName: key
                  KeyType: HASH
              TimeToLiveSpecification:
                AttributeName: ttl
                Enabled: true
        """);
  }
}
