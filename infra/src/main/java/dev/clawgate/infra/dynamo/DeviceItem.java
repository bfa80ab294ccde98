package dev.clawgate.infra.dynamo;

import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A devices-table item ({@link DynamoTables#DEVICES}): everything about one device id, so that every change the
 * {@link dev.clawgate.pairing.DeviceStore} port makes atomic is a change of one item under one version.
 *
 * <pre>
 *   deviceId         the key
 *   device           the paired device (a map), absent while the device is not paired
 *   request          its pending pairing request (a map), absent when there is none; one per device
 *   requestExpires   epoch seconds after which the request counts as gone
 *   ttl              requestExpires, but only while the item holds no device: DynamoDB may then delete it
 *   version          the optimistic lock
 * </pre>
 *
 * <p>Schemas are written out ({@link StaticImmutableTableSchema}), as for the other tables: the domain's records
 * carry no DynamoDB annotations, nothing is introspected at cold start, and the attribute names are all here.
 *
 * @param version null for an item not yet stored
 */
record DeviceItem(String deviceId, PairedDevice device, PairingRequest request, Long requestExpires,
    Long version) {

  /** An id with nothing stored under it (yet, or any more). */
  static DeviceItem absent(String deviceId) {
    return new DeviceItem(deviceId, null, null, null, null);
  }

  boolean isEmpty() {
    return device == null && request == null;
  }

  /** This item as it counts at {@code now}: a request past its expiry is gone. */
  DeviceItem liveAt(Instant now) {
    return request == null || TimeToLive.isLive(requestExpires, now) ? this : withoutRequest();
  }

  DeviceItem withDevice(PairedDevice paired) {
    // A device's pending request is settled by pairing it: dropped, as the port says.
    return new DeviceItem(deviceId, paired, null, null, version);
  }

  DeviceItem withRequest(PairingRequest pending, long expires) {
    return new DeviceItem(deviceId, device, pending, expires, version);
  }

  DeviceItem withoutRequest() {
    return new DeviceItem(deviceId, device, null, null, version);
  }

  /** The {@code ttl} attribute: only an item that is nothing but a pending request may expire. */
  Long ttl() {
    return device == null ? requestExpires : null;
  }

  private static final TableSchema<DeviceTokenGrant> GRANT = StaticImmutableTableSchema
      .builder(DeviceTokenGrant.class, GrantBuilder.class)
      .newItemBuilder(GrantBuilder::new, GrantBuilder::build)
      .addAttribute(String.class, a -> a.name("role").getter(DeviceTokenGrant::role).setter((b, v) -> b.role = v))
      .addAttribute(EnhancedType.listOf(String.class), a -> a.name("scopes").getter(DeviceTokenGrant::scopes)
          .setter((b, v) -> b.scopes = v))
      .addAttribute(String.class, a -> a.name("sha256").getter(DeviceTokenGrant::sha256)
          .setter((b, v) -> b.sha256 = v))
      .addAttribute(Long.class, a -> a.name("issuedAtMs").getter(DeviceTokenGrant::issuedAtMs)
          .setter((b, v) -> b.issuedAtMs = v))
      .build();

  private static final TableSchema<PairedDevice> DEVICE = StaticImmutableTableSchema
      .builder(PairedDevice.class, DeviceBuilder.class)
      .newItemBuilder(DeviceBuilder::new, DeviceBuilder::build)
      .addAttribute(String.class, a -> a.name("deviceId").getter(PairedDevice::deviceId)
          .setter((b, v) -> b.deviceId = v))
      .addAttribute(String.class, a -> a.name("publicKey").getter(PairedDevice::publicKey)
          .setter((b, v) -> b.publicKey = v))
      .addAttribute(String.class, a -> a.name("displayName").getter(PairedDevice::displayName)
          .setter((b, v) -> b.displayName = v))
      .addAttribute(String.class, a -> a.name("platform").getter(PairedDevice::platform)
          .setter((b, v) -> b.platform = v))
      .addAttribute(String.class, a -> a.name("deviceFamily").getter(PairedDevice::deviceFamily)
          .setter((b, v) -> b.deviceFamily = v))
      .addAttribute(String.class, a -> a.name("clientId").getter(PairedDevice::clientId)
          .setter((b, v) -> b.clientId = v))
      .addAttribute(String.class, a -> a.name("clientMode").getter(PairedDevice::clientMode)
          .setter((b, v) -> b.clientMode = v))
      .addAttribute(String.class, a -> a.name("role").getter(PairedDevice::role).setter((b, v) -> b.role = v))
      .addAttribute(EnhancedType.listOf(String.class), a -> a.name("scopes").getter(PairedDevice::scopes)
          .setter((b, v) -> b.scopes = v))
      .addAttribute(String.class, a -> a.name("remoteIp").getter(PairedDevice::remoteIp)
          .setter((b, v) -> b.remoteIp = v))
      .addAttribute(String.class, a -> a.name("approvedVia").getter(PairedDevice::approvedVia)
          .setter((b, v) -> b.approvedVia = v))
      .addAttribute(Long.class, a -> a.name("createdAtMs").getter(PairedDevice::createdAtMs)
          .setter((b, v) -> b.createdAtMs = v))
      .addAttribute(Long.class, a -> a.name("approvedAtMs").getter(PairedDevice::approvedAtMs)
          .setter((b, v) -> b.approvedAtMs = v))
      .addAttribute(EnhancedType.mapOf(EnhancedType.of(String.class), document(DeviceTokenGrant.class, GRANT)),
          a -> a.name("tokens").getter(PairedDevice::tokens).setter((b, v) -> b.tokens = v))
      .build();

  private static final TableSchema<PairingRequest> REQUEST = StaticImmutableTableSchema
      .builder(PairingRequest.class, RequestBuilder.class)
      .newItemBuilder(RequestBuilder::new, RequestBuilder::build)
      .addAttribute(String.class, a -> a.name("requestId").getter(PairingRequest::requestId)
          .setter((b, v) -> b.requestId = v))
      .addAttribute(String.class, a -> a.name("deviceId").getter(PairingRequest::deviceId)
          .setter((b, v) -> b.deviceId = v))
      .addAttribute(String.class, a -> a.name("publicKey").getter(PairingRequest::publicKey)
          .setter((b, v) -> b.publicKey = v))
      .addAttribute(String.class, a -> a.name("displayName").getter(PairingRequest::displayName)
          .setter((b, v) -> b.displayName = v))
      .addAttribute(String.class, a -> a.name("platform").getter(PairingRequest::platform)
          .setter((b, v) -> b.platform = v))
      .addAttribute(String.class, a -> a.name("deviceFamily").getter(PairingRequest::deviceFamily)
          .setter((b, v) -> b.deviceFamily = v))
      .addAttribute(String.class, a -> a.name("clientId").getter(PairingRequest::clientId)
          .setter((b, v) -> b.clientId = v))
      .addAttribute(String.class, a -> a.name("clientMode").getter(PairingRequest::clientMode)
          .setter((b, v) -> b.clientMode = v))
      .addAttribute(String.class, a -> a.name("role").getter(PairingRequest::role).setter((b, v) -> b.role = v))
      .addAttribute(EnhancedType.listOf(String.class), a -> a.name("scopes").getter(PairingRequest::scopes)
          .setter((b, v) -> b.scopes = v))
      .addAttribute(String.class, a -> a.name("reason").getter(PairingRequest::reason)
          .setter((b, v) -> b.reason = v))
      .addAttribute(String.class, a -> a.name("remoteIp").getter(PairingRequest::remoteIp)
          .setter((b, v) -> b.remoteIp = v))
      .addAttribute(Long.class, a -> a.name("ts").getter(PairingRequest::ts).setter((b, v) -> b.ts = v))
      .build();

  static final TableSchema<DeviceItem> SCHEMA = StaticImmutableTableSchema.builder(DeviceItem.class, Builder.class)
      .newItemBuilder(Builder::new, Builder::build)
      .addAttribute(String.class, a -> a.name(DynamoTables.DEVICES.partitionKey().name())
          .getter(DeviceItem::deviceId).setter((b, v) -> b.deviceId = v)
          .tags(StaticAttributeTags.primaryPartitionKey()))
      .addAttribute(document(PairedDevice.class, DEVICE), a -> a.name("device").getter(DeviceItem::device)
          .setter((b, v) -> b.device = v))
      .addAttribute(document(PairingRequest.class, REQUEST), a -> a.name("request").getter(DeviceItem::request)
          .setter((b, v) -> b.request = v))
      .addAttribute(Long.class, a -> a.name("requestExpires").getter(DeviceItem::requestExpires)
          .setter((b, v) -> b.requestExpires = v))
      // Derived from the other attributes on every write, so it is never read back.
      .addAttribute(Long.class, a -> a.name(TimeToLive.ATTRIBUTE).getter(DeviceItem::ttl).setter((b, v) -> { }))
      .addAttribute(Long.class, a -> a.name("version").getter(DeviceItem::version).setter((b, v) -> b.version = v)
          .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
      .build();

  /** A nested map whose null attributes are left out rather than stored as nulls. */
  private static <T> EnhancedType<T> document(Class<T> type, TableSchema<T> schema) {
    return EnhancedType.documentOf(type, schema, b -> b.ignoreNulls(true));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static final class Builder {
    private String deviceId;
    private PairedDevice device;
    private PairingRequest request;
    private Long requestExpires;
    private Long version;

    DeviceItem build() {
      return new DeviceItem(deviceId, device, request, requestExpires, version);
    }
  }

  private static final class GrantBuilder {
    private String role;
    private List<String> scopes;
    private String sha256;
    private Long issuedAtMs;

    DeviceTokenGrant build() {
      return new DeviceTokenGrant(role, scopes, sha256, orZero(issuedAtMs));
    }
  }

  private static final class DeviceBuilder {
    private String deviceId;
    private String publicKey;
    private String displayName;
    private String platform;
    private String deviceFamily;
    private String clientId;
    private String clientMode;
    private String role;
    private List<String> scopes;
    private String remoteIp;
    private String approvedVia;
    private Long createdAtMs;
    private Long approvedAtMs;
    private Map<String, DeviceTokenGrant> tokens;

    PairedDevice build() {
      return new PairedDevice(deviceId, publicKey, displayName, platform, deviceFamily, clientId, clientMode, role,
          scopes, remoteIp, approvedVia, orZero(createdAtMs), orZero(approvedAtMs), tokens);
    }
  }

  private static final class RequestBuilder {
    private String requestId;
    private String deviceId;
    private String publicKey;
    private String displayName;
    private String platform;
    private String deviceFamily;
    private String clientId;
    private String clientMode;
    private String role;
    private List<String> scopes;
    private String reason;
    private String remoteIp;
    private Long ts;

    PairingRequest build() {
      return new PairingRequest(requestId, deviceId, publicKey, displayName, platform, deviceFamily, clientId,
          clientMode, role, scopes, reason, remoteIp, orZero(ts));
    }
  }
}
