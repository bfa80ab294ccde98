package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class TimeToLiveTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aRecordIsLiveUntilItsExpirySecondComes() {
    long ttl = TimeToLive.expiresAfter(NOW, Duration.ofMinutes(10));

    assertThat(ttl).isEqualTo(NOW.getEpochSecond() + 600);
    assertThat(TimeToLive.isLive(ttl, NOW)).isTrue();
    assertThat(TimeToLive.isLive(ttl, NOW.plusSeconds(599).plusMillis(999))).isTrue();
    assertThat(TimeToLive.isLive(ttl, NOW.plusSeconds(600))).isFalse();
    assertThat(TimeToLive.isLive(ttl, NOW.plusSeconds(3600))).isFalse();
  }

  @Test
  void expiryRoundsUpSoNoRecordDiesEarly() {
    assertThat(TimeToLive.expiresAfter(NOW, Duration.ofMillis(1))).isEqualTo(NOW.getEpochSecond() + 1);
    assertThat(TimeToLive.expiresAfter(NOW.plusMillis(500), Duration.ofSeconds(1))).isEqualTo(NOW.getEpochSecond() + 2);
  }

  @Test
  void aRecordWithoutTtlNeverExpires() {
    assertThat(TimeToLive.isLive(null, Instant.MAX)).isTrue();
  }

  @Test
  void aNegativeLifetimeIsRefused() {
    assertThatThrownBy(() -> TimeToLive.expiresAfter(NOW, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dynamoDbLocalKeepsExpiredItemsSoReadsMustFilterThem() {
    DynamoTables.Table expiring = new DynamoTables.Table("ExpiringTable", "X_TABLE", "clawgate-expiring",
        new DynamoTables.KeyAttribute("id", ScalarAttributeType.S),
        null, TimeToLive.ATTRIBUTE);
    String table = LocalDynamo.newTable(expiring);
    DynamoDbClient client = LocalDynamo.client();
    long longAgo = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
    client.putItem(b -> b.tableName(table).item(Map.of(
        "id", AttributeValue.fromS("old"), TimeToLive.ATTRIBUTE, AttributeValue.fromN(Long.toString(longAgo)))));

    assertThat(client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().attributeName())
        .isEqualTo(TimeToLive.ATTRIBUTE);
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("id", AttributeValue.fromS("old")))).item();
    assertThat(item).isNotEmpty();
    assertThat(TimeToLive.isLive(Long.valueOf(item.get(TimeToLive.ATTRIBUTE).n()), Instant.now())).isFalse();
  }
}
