package dev.clawgate.infra.dynamo;

import dev.clawgate.pairing.DeviceStore;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Paired devices and pending pairing requests in DynamoDB ({@link DynamoTables#DEVICES}), one item per device
 * ({@link DeviceItem}): its paired record and its one pending request live together, so each operation the port
 * makes atomic (a request replacing the device's earlier one, pairing that drops the device's request, approval
 * that consumes a request and pairs its device) changes one item.
 *
 * <p>Two Lambda instances may change one device at once (an operator approving while the device reconnects, two
 * operators approving the same request). Every change is read, decide, conditional write on the item's version
 * ({@link software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension}); a writer that lost the
 * race reads again and decides again on what the winner stored, exactly as if the disk store's lock had ordered
 * them: the second approval of a request finds it consumed and answers empty, a token issued meanwhile survives an
 * update. The functions given to {@link #updateDevice} and {@link #approve} may therefore run more than once and
 * must not have side effects ({@code DevicePairing}'s have none).
 *
 * <p>A pending request lives {@code requestLifetime} from when it was stored. Past that it counts as gone on every
 * read, because DynamoDB deletes expired items only eventually and DynamoDB Local never does; an item that holds
 * nothing but the request carries the {@code ttl} attribute, so DynamoDB does delete it eventually.
 *
 * <p>Finding a request by its id scans the table: a personal gateway pairs a handful of devices, requests are
 * looked up only when an operator decides one, and a scan of that is cheaper than a second index.
 */
public final class DynamoDeviceStore implements DeviceStore {

  private static final Comparator<PairedDevice> OLDEST_APPROVAL_FIRST =
      Comparator.comparingLong(PairedDevice::approvedAtMs).thenComparing(PairedDevice::deviceId);
  private static final Comparator<PairingRequest> OLDEST_FIRST =
      Comparator.comparingLong(PairingRequest::ts).thenComparing(PairingRequest::requestId);

  private final DynamoDbTable<DeviceItem> table;
  private final Duration requestLifetime;
  private final Clock clock;

  /**
   * Over the table named {@code tableName}, built from {@link DynamoTables#DEVICES}.
   *
   * @param requestLifetime how long a pending request counts after it was stored (the gateway's pairing rules,
   *     {@code DevicePairing.REQUEST_TTL}, which also filter requests by their own timestamp)
   */
  public DynamoDeviceStore(DynamoDbClient dynamoDb, String tableName, Duration requestLifetime, Clock clock) {
    this.table = DynamoClients.enhanced(dynamoDb).table(tableName, DeviceItem.SCHEMA);
    this.requestLifetime = Objects.requireNonNull(requestLifetime, "requestLifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<PairedDevice> device(String deviceId) {
    return Optional.ofNullable(read(deviceId).device());
  }

  @Override
  public List<PairedDevice> devices() {
    return scan().map(DeviceItem::device).filter(Objects::nonNull).sorted(OLDEST_APPROVAL_FIRST).toList();
  }

  @Override
  public Optional<PairingRequest> request(String requestId) {
    return scan().map(DeviceItem::request).filter(r -> r != null && r.requestId().equals(requestId)).findFirst();
  }

  @Override
  public List<PairingRequest> requests() {
    return scan().map(DeviceItem::request).filter(Objects::nonNull).sorted(OLDEST_FIRST).toList();
  }

  @Override
  public void putRequest(PairingRequest request) {
    Objects.requireNonNull(request, "request");
    long expires = TimeToLive.expiresAfter(clock.instant(), requestLifetime);
    change(request.deviceId(), item -> new Decision<>(item.withRequest(request, expires), null));
  }

  @Override
  public Optional<PairingRequest> removeRequest(String requestId) {
    return deviceOfRequest(requestId).flatMap(deviceId -> change(deviceId, item -> holds(item, requestId)
        ? new Decision<>(item.withoutRequest(), Optional.of(item.request()))
        : new Decision<>(item, Optional.<PairingRequest>empty())));
  }

  @Override
  public void putDevice(PairedDevice device) {
    Objects.requireNonNull(device, "device");
    change(device.deviceId(), item -> new Decision<>(item.withDevice(device), null));
  }

  @Override
  public Optional<PairedDevice> updateDevice(String deviceId, UnaryOperator<PairedDevice> change) {
    Objects.requireNonNull(change, "change");
    return change(deviceId, item -> {
      if (item.device() == null) {
        return new Decision<>(item, Optional.<PairedDevice>empty());
      }
      PairedDevice next = Objects.requireNonNull(change.apply(item.device()), "the changed device");
      requireSameId(deviceId, next);
      // Only the device changes: a pending upgrade request stays pending.
      return new Decision<>(new DeviceItem(deviceId, next, item.request(), item.requestExpires(), item.version()),
          Optional.of(next));
    });
  }

  @Override
  public Optional<PairedDevice> approve(String requestId, Function<PairingRequest, PairedDevice> pairing) {
    Objects.requireNonNull(pairing, "pairing");
    return deviceOfRequest(requestId).flatMap(deviceId -> change(deviceId, item -> {
      if (!holds(item, requestId)) {
        // Consumed, rejected or replaced since it was found: as if the other change had come first.
        return new Decision<>(item, Optional.<PairedDevice>empty());
      }
      PairedDevice device = Objects.requireNonNull(pairing.apply(item.request()), "the paired device");
      requireSameId(deviceId, device);
      return new Decision<>(item.withDevice(device), Optional.of(device));
    }));
  }

  /** What a change decided: the item to store ({@code unchanged} when nothing is to be written) and the answer. */
  private record Decision<R>(DeviceItem next, R answer) {}

  /**
   * Reads the device's item, lets {@code decide} say what it becomes, and writes that on condition that the item
   * is still the one read; when another writer got there first, reads and decides again.
   *
   * @throws IllegalStateException when other writers kept winning for {@value Backoff#MAX_ATTEMPTS} attempts
   */
  private <R> R change(String deviceId, Function<DeviceItem, Decision<R>> decide) {
    Objects.requireNonNull(deviceId, "deviceId");
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      DeviceItem current = read(deviceId);
      Decision<R> decision = decide.apply(current);
      try {
        write(current, decision.next());
        return decision.answer();
      } catch (ConditionalCheckFailedException e) {
        // Another instance changed the device since we read it: decide again on what it stored.
      }
    }
    throw new IllegalStateException("gave up changing device " + deviceId + " after " + Backoff.MAX_ATTEMPTS
        + " attempts: other writers kept changing it first");
  }

  private void write(DeviceItem current, DeviceItem next) {
    if (next.equals(current)) {
      return;
    }
    if (!next.isEmpty()) {
      // The versioned-record extension adds the condition: absent when current.version() is null, else unchanged.
      table.putItem(next);
    } else if (current.version() != null) {
      // Nothing left for this device (a rejected request of an unpaired one): the item goes, if still unchanged.
      table.deleteItem(r -> r.key(key(current.deviceId())).conditionExpression(versionIs(current.version())));
    }
  }

  /** The device's item as it counts now; an absent one when nothing is stored. */
  private DeviceItem read(String deviceId) {
    DeviceItem stored = table.getItem(r -> r.key(key(deviceId)).consistentRead(true));
    return stored == null ? DeviceItem.absent(deviceId) : stored.liveAt(clock.instant());
  }

  private Stream<DeviceItem> scan() {
    Instant now = clock.instant();
    return table.scan(r -> r.consistentRead(true)).items().stream().map(item -> item.liveAt(now));
  }

  private Optional<String> deviceOfRequest(String requestId) {
    return request(requestId).map(PairingRequest::deviceId);
  }

  private static boolean holds(DeviceItem item, String requestId) {
    return item.request() != null && item.request().requestId().equals(requestId);
  }

  private static void requireSameId(String deviceId, PairedDevice device) {
    if (!deviceId.equals(device.deviceId())) {
      // The id is the item's key: a device under another id would be stored somewhere else.
      throw new IllegalArgumentException("the device for " + deviceId + " names device " + device.deviceId());
    }
  }

  private static Key key(String deviceId) {
    return Key.builder().partitionValue(deviceId).build();
  }

  private static Expression versionIs(long version) {
    return Expression.builder()
        .expression("#version = :version")
        .putExpressionName("#version", "version")
        .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version)))
        .build();
  }
}
