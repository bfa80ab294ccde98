package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

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
  void theTableNameComesFromItsEnvironmentVariableElseTheDefault() {
    assertThat(DynamoTables.SESSIONS.nameIn(Map.of("CLAWGATE_SESSIONS_TABLE", "prod-Sessions-1X2Y")))
        .isEqualTo("prod-Sessions-1X2Y");
    assertThat(DynamoTables.SESSIONS.nameIn(Map.of())).isEqualTo("clawgate-sessions");
    assertThat(DynamoTables.TRANSCRIPTS.nameIn(Map.of("CLAWGATE_TRANSCRIPTS_TABLE", "")))
        .isEqualTo("clawgate-transcripts");
  }

  @Test
  void cloudFormationDeclaresEachTableOnDemandAndRetained() {
    assertThat(DynamoTables.cloudFormationYaml()).isEqualTo("""
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
