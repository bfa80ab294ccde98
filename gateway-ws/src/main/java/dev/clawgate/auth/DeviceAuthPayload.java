package dev.clawgate.auth;

import java.util.List;

/**
 * The text a device signs to connect, in OpenClaw's two versions, fields joined by {@code |}:
 * {@code v3|deviceId|clientId|clientMode|role|scopes|signedAtMs|token|nonce|platform|deviceFamily} and
 * {@code v2} without the last two. Scopes are joined by {@code ,} in the order sent; a missing token is the
 * empty string; platform and device family are trimmed and lower-cased (ASCII only), so {@code "Linux "} and
 * {@code "linux"} sign the same. Clients and the gateway build it here, so they cannot disagree.
 *
 * @param token the credential the connect carries: {@code auth.token}, else {@code auth.deviceToken}, else empty
 */
public record DeviceAuthPayload(
    String deviceId,
    String clientId,
    String clientMode,
    String role,
    List<String> scopes,
    long signedAtMs,
    String token,
    String nonce,
    String platform,
    String deviceFamily) {

  public DeviceAuthPayload {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  public String v3() {
    return v2Fields("v3") + "|" + normalize(platform) + "|" + normalize(deviceFamily);
  }

  public String v2() {
    return v2Fields("v2");
  }

  private String v2Fields(String version) {
    return String.join("|", version, text(deviceId), text(clientId), text(clientMode), text(role),
        String.join(",", scopes), Long.toString(signedAtMs), text(token), text(nonce));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** Trim, then lower-case A-Z only: other letters stay as they are, as the clients do it. */
  static String normalize(String value) {
    if (value == null) {
      return "";
    }
    String trimmed = value.strip();
    StringBuilder out = new StringBuilder(trimmed.length());
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }
}
