package dev.clawgate.pairing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A device that proved it holds its key but is not approved (yet) for the role and scopes it asked for. It
 * waits for an operator; it grants nothing by itself.
 *
 * @param publicKey the device's raw Ed25519 public key, base64url
 * @param reason {@code not-paired} for a new device, {@code scope-upgrade} when a paired device asks for more
 * @param remoteIp the address the request came from, shown to the operator who decides
 * @param ts when the request was made (epoch ms); requests expire (see the gateway's pairing rules)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PairingRequest(
    String requestId,
    String deviceId,
    String publicKey,
    String displayName,
    String platform,
    String deviceFamily,
    String clientId,
    String clientMode,
    String role,
    List<String> scopes,
    String reason,
    String remoteIp,
    long ts) {

  public PairingRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(role, "role");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
