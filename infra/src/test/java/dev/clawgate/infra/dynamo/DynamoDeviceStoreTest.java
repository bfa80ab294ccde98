package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.pairing.DeviceStore;
import dev.clawgate.pairing.DeviceStoreContract;
import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDeviceStoreTest extends DeviceStoreContract {

  private static final Duration LIFETIME = Duration.ofMinutes(5);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
  private String table;

  @Override
  protected DeviceStore newStore() {
    table = LocalDynamo.newTable(DynamoTables.DEVICES);
    return new DynamoDeviceStore(LocalDynamo.client(), table, LIFETIME, clock);
  }

  /** Another Lambda instance: its own client and store over the same table. */
  private DeviceStore otherInstance() {
    return new DynamoDeviceStore(LocalDynamo.client(), table, LIFETIME, clock);
  }

  @Test
  void aRequestPastItsLifetimeIsGoneOnReadThoughDynamoDbLocalStillHoldsIt() {
    store.putRequest(request("r1", DEVICE, 100));
    clock.advance(LIFETIME.plusSeconds(1));

    assertThat(store.request("r1")).isEmpty();
    assertThat(store.requests()).isEmpty();
    assertThat(store.removeRequest("r1")).isEmpty();
    assertThat(store.approve("r1", r -> device(r.deviceId(), 200))).isEmpty();
    assertThat(store.devices()).isEmpty();
    assertThat(rawItem(DEVICE)).as("DynamoDB Local never expires items").isNotEmpty();
  }

  @Test
  void aRequestWithinItsLifetimeStillCounts() {
    store.putRequest(request("r1", DEVICE, 100));
    clock.advance(LIFETIME.minusSeconds(1));

    assertThat(store.request("r1")).isPresent();
  }

  @Test
  void onlyAnItemHoldingNothingButARequestCarriesTheTimeToLive() {
    store.putRequest(request("r1", DEVICE, 100));
    long expires = TimeToLive.expiresAfter(clock.instant(), LIFETIME);
    assertThat(rawItem(DEVICE).get(TimeToLive.ATTRIBUTE)).isEqualTo(AttributeValue.fromN(Long.toString(expires)));

    store.putDevice(device(DEVICE, 200));
    assertThat(rawItem(DEVICE)).doesNotContainKey(TimeToLive.ATTRIBUTE);

    store.putRequest(request("upgrade", DEVICE, 300));
    assertThat(rawItem(DEVICE)).as("a paired device with a pending upgrade must never expire")
        .doesNotContainKey(TimeToLive.ATTRIBUTE).containsKey("request");
  }

  @Test
  void aRejectedRequestOfAnUnpairedDeviceLeavesNoItem() {
    store.putRequest(request("r1", DEVICE, 100));

    assertThat(store.removeRequest("r1")).isPresent();

    assertThat(rawItem(DEVICE)).isEmpty();
  }

  @Test
  void aPendingUpgradeSurvivesATokenIssuedMeanwhile() {
    store.putDevice(device(DEVICE, 100));
    store.putRequest(request("upgrade", DEVICE, 200));

    store.updateDevice(DEVICE, d -> d.withToken(grant(150)));

    assertThat(store.request("upgrade")).isPresent();
    assertThat(store.device(DEVICE).orElseThrow().tokens()).containsKey("operator");
  }

  @Test
  void theSecondOfTwoApprovalsOfOneRequestOnTwoInstancesFindsItConsumed() {
    DeviceStore other = otherInstance();
    store.putRequest(request("r1", DEVICE, 100));
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<java.util.Optional<PairedDevice>> otherResult = new AtomicReference<>();

    java.util.Optional<PairedDevice> ours = store.approve("r1", r -> {
      if (calls.incrementAndGet() == 1) {
        // Between our read and our write, the other instance approves the same request.
        otherResult.set(other.approve("r1", o -> device(o.deviceId(), 300)));
      }
      return device(r.deviceId(), 200);
    });

    assertThat(otherResult.get()).hasValueSatisfying(d -> assertThat(d.approvedAtMs()).isEqualTo(300));
    assertThat(ours).as("the request was consumed by the other approval").isEmpty();
    assertThat(store.device(DEVICE)).hasValueSatisfying(d -> assertThat(d.approvedAtMs()).isEqualTo(300));
    assertThat(store.requests()).isEmpty();
  }

  @Test
  void anApprovalRacingATokenIssueKeepsTheToken() {
    DeviceStore other = otherInstance();
    store.putDevice(device(DEVICE, 100));
    store.putRequest(request("upgrade", DEVICE, 200));
    AtomicInteger calls = new AtomicInteger();

    PairedDevice approved = store.approve("upgrade", r -> {
      if (calls.incrementAndGet() == 1) {
        other.updateDevice(DEVICE, d -> d.withToken(grant(250)));
      }
      // What DevicePairing does: build on the device as stored now, keeping its tokens.
      return store.device(DEVICE).orElseThrow();
    }).orElseThrow();

    assertThat(calls).hasValue(2);
    assertThat(approved.tokens()).containsKey("operator");
    assertThat(store.device(DEVICE)).contains(approved);
  }

  @Test
  void aRequestReplacedOnAnotherInstanceCannotBeApproved() {
    DeviceStore other = otherInstance();
    store.putRequest(request("r1", DEVICE, 100));
    AtomicInteger calls = new AtomicInteger();

    java.util.Optional<PairedDevice> approved = store.approve("r1", r -> {
      if (calls.incrementAndGet() == 1) {
        other.putRequest(request("r2", DEVICE, 200));
      }
      return device(r.deviceId(), 300);
    });

    assertThat(approved).isEmpty();
    assertThat(store.requests()).extracting(r -> r.requestId()).containsExactly("r2");
    assertThat(store.devices()).isEmpty();
  }

  @Test
  void everyFieldOfADeviceSurvivesTheRoundTrip() {
    PairedDevice full = new PairedDevice(DEVICE, "pk", "Phone", "ios", "iPhone", "ui", "webchat", "operator",
        List.of("operator.read", "operator.write"), "198.51.100.1", PairedDevice.APPROVED_SILENTLY, 10, 20,
        Map.of("operator", grant(30), "node", new DeviceTokenGrant("node", List.of(), "d".repeat(64), 40)));
    PairedDevice minimal = new PairedDevice(OTHER_DEVICE, "pk2", null, null, null, null, null, "node", null, null,
        null, 0, 0, null);

    store.putDevice(full);
    store.putDevice(minimal);

    assertThat(otherInstance().device(DEVICE)).contains(full);
    assertThat(otherInstance().device(OTHER_DEVICE)).contains(minimal);
  }

  private Map<String, AttributeValue> rawItem(String deviceId) {
    return LocalDynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of(DynamoTables.DEVICES.partitionKey().name(), AttributeValue.fromS(deviceId)))).item();
  }

  private static DeviceTokenGrant grant(long issuedAt) {
    return new DeviceTokenGrant("operator", List.of("operator.read"), "e".repeat(64), issuedAt);
  }

  /** A clock the test moves forward, standing in for time passing between Lambda invocations. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
