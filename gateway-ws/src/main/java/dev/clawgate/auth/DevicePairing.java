package dev.clawgate.auth;

import dev.clawgate.pairing.DeviceStore;
import dev.clawgate.pairing.DeviceTokenGrant;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The pairing rules over a {@link DeviceStore}: which proven devices may connect, which must wait for an
 * operator, and the device tokens paired devices reconnect with.
 *
 * <ul>
 *   <li>A device connecting from this machine ({@link Peer#local()}) is approved silently, as OpenClaw does:
 *       whoever runs code here can read the gateway token anyway.
 *   <li>Any other device not yet approved for the role and scopes it asks for gets a pending request (one per
 *       device; a retry with the same ask keeps its request id) that expires after {@link #REQUEST_TTL}.
 *   <li>Device tokens are random, returned once, stored as SHA-256 only, bound to device, role and scopes.
 * </ul>
 */
public final class DevicePairing {

  public static final Duration REQUEST_TTL = Duration.ofMinutes(5);
  public static final String NOT_PAIRED = "not-paired";
  public static final String SCOPE_UPGRADE = "scope-upgrade";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DeviceStore store;
  private final Clock clock;

  public DevicePairing(DeviceStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A device that proved it holds {@code publicKey}, asking to connect with {@code role} and {@code scopes}.
   */
  public record Claim(String deviceId, String publicKey, String displayName, String platform, String deviceFamily,
      String clientId, String clientMode, String role, List<String> scopes, String remoteIp) {
    public Claim {
      scopes = List.copyOf(scopes);
    }
  }

  /** The answer to a claim: approved, or waiting for an operator. */
  public sealed interface Admission permits Approved, Pending {}

  public record Approved(PairedDevice device) implements Admission {}

  /** @param current the device as approved so far, when this is an upgrade; null for a new device */
  public record Pending(PairingRequest request, PairedDevice current) implements Admission {}

  /** How a presented device token compares with the one issued. */
  public enum TokenCheck { VALID, MISMATCH, SCOPE_MISMATCH }

  /** What {@code device.pair.list} shows: live requests and paired devices. */
  public record Listing(List<PairingRequest> pending, List<PairedDevice> paired) {}

  public Admission admit(Claim claim, boolean local) {
    Optional<PairedDevice> existing = store.device(claim.deviceId())
        .filter(d -> d.publicKey().equals(claim.publicKey()));
    if (existing.isPresent() && covers(existing.get(), claim.role(), claim.scopes())) {
      return new Approved(existing.get());
    }
    long now = clock.millis();
    if (local) {
      PairedDevice device = pairedFrom(claim.deviceId(), claim.publicKey(), claim.displayName(), claim.platform(),
          claim.deviceFamily(), claim.clientId(), claim.clientMode(), claim.role(), claim.scopes(),
          claim.remoteIp(), PairedDevice.APPROVED_SILENTLY, existing.orElse(null), now);
      store.putDevice(device);
      return new Approved(device);
    }
    Optional<PairingRequest> waiting = store.requests().stream()
        .filter(r -> r.deviceId().equals(claim.deviceId()) && r.publicKey().equals(claim.publicKey())
            && r.role().equals(claim.role()) && r.scopes().containsAll(claim.scopes()) && !expired(r, now))
        .findFirst();
    if (waiting.isPresent()) {
      return new Pending(waiting.get(), existing.orElse(null));
    }
    forgetExpiredRequests(now);
    PairingRequest request = new PairingRequest(UUID.randomUUID().toString(), claim.deviceId(), claim.publicKey(),
        claim.displayName(), claim.platform(), claim.deviceFamily(), claim.clientId(), claim.clientMode(),
        claim.role(), claim.scopes(), existing.isPresent() ? SCOPE_UPGRADE : NOT_PAIRED, claim.remoteIp(), now);
    store.putRequest(request);
    return new Pending(request, existing.orElse(null));
  }

  /** Compares a presented device token with the one issued to the device for {@code role}, in constant time. */
  public TokenCheck checkToken(String deviceId, String publicKey, String role, List<String> scopes,
      String presented) {
    Optional<DeviceTokenGrant> grant = store.device(deviceId)
        .filter(d -> d.publicKey().equals(publicKey))
        .map(d -> d.tokens().get(role));
    if (grant.isEmpty() || !SharedSecret.ofSha256Hex(grant.get().sha256()).matches(presented)) {
      return TokenCheck.MISMATCH;
    }
    return scopes.stream().allMatch(s -> Scopes.allows(Set.copyOf(grant.get().scopes()), s))
        ? TokenCheck.VALID : TokenCheck.SCOPE_MISMATCH;
  }

  /**
   * Issues a new device token for a paired device, replacing its token for that role.
   *
   * @return the token, to be handed to the device once; empty when the device is not paired (any more)
   */
  public Optional<String> issueToken(String deviceId, String role, List<String> scopes) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = DeviceKeys.encode(bytes);
    DeviceTokenGrant grant = new DeviceTokenGrant(role, scopes, new SharedSecret(token).sha256Hex(),
        clock.millis());
    return store.updateDevice(deviceId, d -> d.withToken(grant)).map(d -> token);
  }

  public Listing list() {
    long now = clock.millis();
    return new Listing(store.requests().stream().filter(r -> !expired(r, now)).toList(), store.devices());
  }

  /** A live pending request. */
  public Optional<PairingRequest> pending(String requestId) {
    long now = clock.millis();
    return store.request(requestId).filter(r -> !expired(r, now));
  }

  /** Approves a live pending request; empty when there is none with that id (unknown, expired or resolved). */
  public Optional<PairedDevice> approve(String requestId) {
    if (pending(requestId).isEmpty()) {
      return Optional.empty();
    }
    long now = clock.millis();
    return store.approve(requestId, r -> pairedFrom(r.deviceId(), r.publicKey(), r.displayName(), r.platform(),
        r.deviceFamily(), r.clientId(), r.clientMode(), r.role(), r.scopes(), r.remoteIp(),
        PairedDevice.APPROVED_BY_OPERATOR, store.device(r.deviceId())
            .filter(d -> d.publicKey().equals(r.publicKey())).orElse(null), now));
  }

  /** Rejects (drops) a live pending request; empty when there is none with that id. */
  public Optional<PairingRequest> reject(String requestId) {
    if (pending(requestId).isEmpty()) {
      return Optional.empty();
    }
    return store.removeRequest(requestId);
  }

  /**
   * Whether the scopes a device holds cover every scope asked for ({@code operator.admin} covers all,
   * {@code operator.write} covers {@code operator.read}).
   */
  private static boolean covers(PairedDevice device, String role, List<String> scopes) {
    Set<String> held = Set.copyOf(device.scopes());
    return device.role().equals(role) && scopes.stream().allMatch(s -> Scopes.allows(held, s));
  }

  /** A newly approved device, or an upgrade of {@code existing} that keeps its history, scopes and tokens. */
  private static PairedDevice pairedFrom(String deviceId, String publicKey, String displayName, String platform,
      String deviceFamily, String clientId, String clientMode, String role, List<String> scopes, String remoteIp,
      String approvedVia, PairedDevice existing, long now) {
    Set<String> allScopes = new LinkedHashSet<>(existing == null ? List.of() : existing.scopes());
    allScopes.addAll(scopes);
    return new PairedDevice(deviceId, publicKey, displayName, platform, deviceFamily, clientId, clientMode, role,
        new ArrayList<>(allScopes), remoteIp, approvedVia, existing == null ? now : existing.createdAtMs(), now,
        existing == null ? Map.of() : existing.tokens());
  }

  private static boolean expired(PairingRequest request, long now) {
    return now - request.ts() > REQUEST_TTL.toMillis();
  }

  private void forgetExpiredRequests(long now) {
    for (PairingRequest request : store.requests()) {
      if (expired(request, now)) {
        store.removeRequest(request.requestId());
      }
    }
  }
}
