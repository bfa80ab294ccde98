package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** Params of {@code connect}, which must be the first request on a connection. */
@JsonClassDescription("Params of connect, the first request on every connection.")
public record ConnectParams(
    @NotNull @Min(1) Integer minProtocol,
    @NotNull @Min(1) Integer maxProtocol,
    @NotNull Client client,
    List<String> caps,
    List<String> commands,
    Map<String, Boolean> permissions,
    String pathEnv,
    @JsonPropertyDescription("operator (the default) | node | worker; this gateway accepts operator")
    String role,
    List<String> scopes,
    Auth auth,
    @JsonPropertyDescription("device identity (Ed25519); when present all five fields are required")
    Device device,
    String locale,
    String userAgent) {

  /** Who is connecting. */
  public record Client(
      @NotEmpty String id,
      String displayName,
      @NotEmpty String version,
      @NotEmpty String platform,
      String deviceFamily,
      String modelIdentifier,
      String timeZone,
      @NotEmpty String mode,
      String instanceId,
      String buildId) {}

  /** Credentials; the shared gateway token (or password) is compared in constant time. */
  public record Auth(String token, String bootstrapToken, String deviceToken, String password) {}

  /** A signed device identity. */
  public record Device(
      @NotEmpty String id,
      @NotEmpty String publicKey,
      @NotEmpty String signature,
      @NotNull @Min(0) Long signedAt,
      @NotEmpty String nonce) {}
}
