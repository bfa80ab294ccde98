package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.DeviceAuth;
import dev.clawgate.auth.DeviceAuthPayload;
import dev.clawgate.auth.DeviceKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@code connect} params the handshake decides on, read once. Lenient where OpenClaw clients
 * differ (missing client fields read as empty), strict where a wrong type would make a check meaningless.
 *
 * @param scopes the requested scopes exactly as sent (strings only, in order): they are part of what a
 *     device signs
 * @param signatureToken the credential a device signature covers: {@code auth.token}, else
 *     {@code auth.deviceToken}, else empty
 * @param device the device proof, or null when the client sent none
 */
record ConnectParams(
    String role,
    List<String> scopes,
    String clientId,
    String clientMode,
    String displayName,
    String platform,
    String deviceFamily,
    String token,
    String password,
    String deviceToken,
    String signatureToken,
    DeviceAuth.Proof device) {

  static ConnectParams parse(JsonNode params) throws ConnectRefused {
    List<String> scopes = new ArrayList<>();
    params.path("scopes").forEach(s -> {
      if (s.isTextual()) {
        scopes.add(s.asText());
      }
    });
    JsonNode client = params.path("client");
    JsonNode auth = params.path("auth");
    String tokenField = string(auth, "token");
    String deviceTokenField = string(auth, "deviceToken");
    String signatureToken = tokenField != null ? tokenField : deviceTokenField != null ? deviceTokenField : "";
    return new ConnectParams(
        params.path("role").isTextual() ? params.path("role").asText() : "operator",
        List.copyOf(scopes),
        orEmpty(string(client, "id")),
        orEmpty(string(client, "mode")),
        string(client, "displayName"),
        string(client, "platform"),
        string(client, "deviceFamily"),
        nonBlank(tokenField),
        nonBlank(string(auth, "password")),
        nonBlank(deviceTokenField),
        signatureToken,
        device(params.get("device")));
  }

  /** The claims a device signature must cover, as far as the params say (the proof adds id, time, nonce). */
  DeviceAuthPayload signedClaims() {
    return new DeviceAuthPayload(null, clientId, clientMode, role, scopes, 0, signatureToken, null, platform,
        deviceFamily);
  }

  /** The device's public key in canonical form (base64url, no padding); only once its proof verified. */
  String devicePublicKey() {
    return DeviceKeys.encode(DeviceKeys.decode(device.publicKey()));
  }

  private static DeviceAuth.Proof device(JsonNode device) throws ConnectRefused {
    if (device == null || device.isNull()) {
      return null;
    }
    if (!device.isObject()) {
      throw ConnectRefused.invalidParams("connect params.device must be an object {id, publicKey, signature, "
          + "signedAt, nonce}");
    }
    for (String field : List.of("id", "publicKey", "signature")) {
      String value = string(device, field);
      if (value == null || value.isBlank()) {
        throw ConnectRefused.invalidParams("connect params.device." + field + " is required (a non-empty string)");
      }
    }
    JsonNode signedAt = device.get("signedAt");
    return new DeviceAuth.Proof(string(device, "id"), string(device, "publicKey"), string(device, "signature"),
        signedAt != null && signedAt.isIntegralNumber() && signedAt.canConvertToLong() ? signedAt.asLong() : null,
        string(device, "nonce"));
  }

  private static String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String nonBlank(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
