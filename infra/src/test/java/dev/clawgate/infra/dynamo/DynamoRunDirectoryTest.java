package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.session.RunDirectory;
import dev.clawgate.session.RunDirectoryContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoRunDirectoryTest extends RunDirectoryContract {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private String table;

  @Override
  protected RunDirectory newDirectory() {
    table = LocalDynamo.newTable(DynamoTables.IDEMPOTENCY);
    return new DynamoRunDirectory(LocalDynamo.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aRunRememberedOnOneInstanceIsFoundOnAnother() {
    directory.remember("run-1", "agent:main:work");

    RunDirectory other = new DynamoRunDirectory(LocalDynamo.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(other.sessionOf("run-1")).contains("agent:main:work");
  }

  @Test
  void aRecordPastItsLifetimeIsGoneOnReadThoughDynamoDbLocalStillHoldsIt() {
    directory.remember("run-1", "agent:main:work");
    Instant later = NOW.plus(DynamoRunDirectory.LIFETIME);

    RunDirectory dayLater = new DynamoRunDirectory(LocalDynamo.client(), table, Clock.fixed(later, ZoneOffset.UTC));

    assertThat(dayLater.sessionOf("run-1")).isEmpty();
    assertThat(LocalDynamo.client().getItem(b -> b.tableName(table)
        .key(Map.of("key", AttributeValue.fromS("run#run-1")))).item())
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(later.getEpochSecond())));
  }
}
