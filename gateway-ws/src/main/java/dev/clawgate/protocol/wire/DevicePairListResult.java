package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code device.pair.list}: requests waiting for an operator and the devices already paired. */
@JsonClassDescription("Response to device.pair.list. Token hashes are never shown.")
public record DevicePairListResult(@NotNull List<Request> pending, @NotNull List<Device> paired) {

  /** A pairing request waiting for an operator; what the device said of itself is shown only when it said it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Request(
      @NotEmpty String requestId,
      @NotEmpty String deviceId,
      @NotEmpty @JsonPropertyDescription("the device's raw Ed25519 public key, base64url") String publicKey,
      String displayName,
      String platform,
      String deviceFamily,
      String clientId,
      String clientMode,
      @NotEmpty String role,
      @NotNull @JsonPropertyDescription("always the one role, as OpenClaw lists them") List<String> roles,
      @NotNull List<String> scopes,
      @JsonPropertyDescription("not-paired for a new device, scope-upgrade when a paired device asks for more")
      String reason,
      @JsonPropertyDescription("the address the request came from") String remoteIp,
      @JsonPropertyDescription("true when a paired device asks for more scopes") boolean isRepair,
      @JsonPropertyDescription("when the request was made, epoch milliseconds") long ts,
      @JsonPropertyDescription("when the request expires unless decided, epoch milliseconds") long expiresAtMs) {}

  /** A paired device and the roles its device tokens were issued for. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Device(
      @NotEmpty String deviceId,
      @NotEmpty String publicKey,
      String displayName,
      String platform,
      String deviceFamily,
      String clientId,
      String clientMode,
      @NotEmpty String role,
      @NotNull List<String> roles,
      @NotNull List<String> scopes,
      String remoteIp,
      @JsonPropertyDescription("silent (connected from this machine) or operator") String approvedVia,
      long createdAtMs,
      long approvedAtMs,
      @NotNull List<Token> tokens) {}

  /** A device token issued to the device; only its role and scopes, never the token or its hash. */
  public record Token(@NotEmpty String role, @NotNull List<String> scopes, long createdAtMs) {}
}
