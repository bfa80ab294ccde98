package dev.clawgate.pairing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device an operator approved (or that was approved silently because it connected from this machine): its
 * key, the role and scopes it may use, and the device tokens issued to it, one per role.
 *
 * @param approvedVia {@code silent} (local connect) or {@code operator} (approved by someone with
 *     {@code operator.pairing})
 * @param tokens by role; each holds only the token's hash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairedDevice(
    String deviceId,
    String publicKey,
    String displayName,
    String platform,
    String deviceFamily,
    String clientId,
    String clientMode,
    String role,
    List<String> scopes,
    String remoteIp,
    String approvedVia,
    long createdAtMs,
    long approvedAtMs,
    Map<String, DeviceTokenGrant> tokens) {

  public static final String APPROVED_SILENTLY = "silent";
  public static final String APPROVED_BY_OPERATOR = "operator";

  public PairedDevice {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(role, "role");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
  }

  /** This device with {@code grant} as its token for the grant's role, replacing the one before. */
  public PairedDevice withToken(DeviceTokenGrant grant) {
    Map<String, DeviceTokenGrant> next = new LinkedHashMap<>(tokens);
    next.put(grant.role(), grant);
    return new PairedDevice(deviceId, publicKey, displayName, platform, deviceFamily, clientId, clientMode, role,
        scopes, remoteIp, approvedVia, createdAtMs, approvedAtMs, next);
  }
}
