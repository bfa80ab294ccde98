package dev.clawgate.gateway;

import dev.clawgate.auth.DeviceAuth;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.pairing.PairingRequest;
import dev.clawgate.protocol.CloseCodes;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused {@code connect}: the error the client gets (shaped as OpenClaw's, so its clients show the right
 * advice and stop or retry as they should), the close code that follows, and whether it counts as a failed
 * authentication for the rate limiter. One factory per kind of refusal; the wire shapes live here and nowhere
 * else.
 */
final class ConnectRefused extends Exception {

  /** Why credentials were refused: the {@code details.code} and OpenClaw's {@code authReason}. */
  enum AuthFailure {
    TOKEN_MISSING(ErrorCodes.AUTH_TOKEN_MISSING, "token_missing", false, "update_auth_configuration",
        "unauthorized: gateway token missing (set it with --token or OPENCLAW_GATEWAY_TOKEN)"),
    TOKEN_MISMATCH(ErrorCodes.AUTH_TOKEN_MISMATCH, "token_mismatch", true, "update_auth_credentials",
        "unauthorized: gateway token mismatch"),
    DEVICE_TOKEN_MISMATCH(ErrorCodes.AUTH_DEVICE_TOKEN_MISMATCH, "device_token_mismatch", true,
        "update_auth_credentials",
        "unauthorized: device token mismatch (connect with the gateway token to get a new one, or pair again)"),
    SCOPE_MISMATCH(ErrorCodes.AUTH_SCOPE_MISMATCH, "scope_mismatch", true, "review_auth_configuration",
        "unauthorized: device token scope mismatch (the token does not cover the requested scopes; pair again)");

    final String detailCode;
    final String authReason;
    final boolean countsAsFailure;
    final String nextStep;
    final String message;

    AuthFailure(String detailCode, String authReason, boolean countsAsFailure, String nextStep, String message) {
      this.detailCode = detailCode;
      this.authReason = authReason;
      this.countsAsFailure = countsAsFailure;
      this.nextStep = nextStep;
      this.message = message;
    }
  }

  /** WebSocket close reasons are at most 123 bytes of UTF-8. */
  private static final int MAX_CLOSE_REASON_BYTES = 123;

  private final GatewayError error;
  private final int closeCode;
  private final String closeReason;
  private final boolean countsAsFailure;

  private ConnectRefused(GatewayError error, int closeCode, String closeReason, boolean countsAsFailure) {
    super(error.message(), null, false, false);
    this.error = error;
    this.closeCode = closeCode;
    this.closeReason = truncate(closeReason);
    this.countsAsFailure = countsAsFailure;
  }

  GatewayError error() {
    return error;
  }

  int closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  boolean countsAsFailure() {
    return countsAsFailure;
  }

  static ConnectRefused invalidParams(String message) {
    return new ConnectRefused(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS, message),
        CloseCodes.POLICY_VIOLATION, message, false);
  }

  /** Params that do not fit the connect schema: the error keeps {@code details.path} and {@code details.errors}. */
  static ConnectRefused invalidParams(GatewayError error) {
    return new ConnectRefused(error, CloseCodes.POLICY_VIOLATION, error.message(), false);
  }

  static ConnectRefused protocolMismatch(int min, int max) {
    String message = "protocol mismatch: this gateway speaks protocol " + ProtocolVersion.CURRENT
        + ", the client asked for " + min + ".." + max;
    return new ConnectRefused(new GatewayError(ErrorCodes.INVALID_REQUEST, message,
        Map.of("code", ErrorCodes.PROTOCOL_MISMATCH, "expectedProtocol", ProtocolVersion.CURRENT), null, null),
        CloseCodes.PROTOCOL_ERROR, message, false);
  }

  /**
   * Credentials refused. A client that sent a shared token with a device identity but no device token is told
   * it may retry with its stored device token, as OpenClaw clients expect.
   */
  static ConnectRefused unauthorized(AuthFailure failure, ConnectParams params) {
    boolean canRetryWithDeviceToken = failure == AuthFailure.TOKEN_MISMATCH && params.device() != null
        && params.token() != null && params.deviceToken() == null;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("code", failure.detailCode);
    details.put("authReason", failure.authReason);
    details.put("canRetryWithDeviceToken", canRetryWithDeviceToken);
    details.put("recommendedNextStep", canRetryWithDeviceToken ? "retry_with_device_token" : failure.nextStep);
    return new ConnectRefused(new GatewayError(ErrorCodes.INVALID_REQUEST, failure.message, details, null, null),
        CloseCodes.POLICY_VIOLATION, failure.message, failure.countsAsFailure);
  }

  static ConnectRefused rateLimited(long retryAfterMs) {
    String message = "unauthorized: too many failed authentication attempts from this address; retry in "
        + Math.max(1, (retryAfterMs + 999) / 1000) + " s";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("code", ErrorCodes.AUTH_RATE_LIMITED);
    details.put("authReason", "rate_limited");
    details.put("canRetryWithDeviceToken", false);
    details.put("recommendedNextStep", "wait_then_retry");
    return new ConnectRefused(new GatewayError(ErrorCodes.INVALID_REQUEST, message, details, true, retryAfterMs),
        CloseCodes.POLICY_VIOLATION, message, false);
  }

  /** A device token without the device's signed identity: the token alone proves nothing about the device. */
  static ConnectRefused deviceIdentityRequired() {
    String message = "device identity required: a device token is accepted only with the device's signed "
        + "identity (params.device)";
    return new ConnectRefused(GatewayError.of(ErrorCodes.NOT_PAIRED, ErrorCodes.DEVICE_IDENTITY_REQUIRED, message),
        CloseCodes.POLICY_VIOLATION, message, false);
  }

  static ConnectRefused deviceAuth(DeviceAuth.Failure failure) {
    return new ConnectRefused(new GatewayError(ErrorCodes.INVALID_REQUEST, failure.message(),
        Map.of("code", failure.detailCode(), "reason", failure.reason()), null, null),
        CloseCodes.POLICY_VIOLATION, failure.message(), true);
  }

  /**
   * The device must be approved first. Details carry the request id an operator approves, and what the device
   * asked for next to what it already holds, so the operator can see an upgrade for what it is.
   */
  static ConnectRefused pairingRequired(DevicePairing.Pending pending) {
    PairingRequest request = pending.request();
    boolean upgrade = DevicePairing.SCOPE_UPGRADE.equals(request.reason());
    String message = upgrade ? "pairing required: device is asking for more scopes than approved"
        : "pairing required: device is not approved yet";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("code", ErrorCodes.PAIRING_REQUIRED);
    details.put("reason", request.reason());
    details.put("requestId", request.requestId());
    details.put("remediationHint", "Approve this device on the gateway host: clawgate devices approve "
        + request.requestId() + " (or openclaw devices approve " + request.requestId() + "), then reconnect.");
    details.put("deviceId", request.deviceId());
    details.put("requestedRole", request.role());
    details.put("requestedScopes", request.scopes());
    if (pending.current() != null) {
      details.put("approvedRoles", List.of(pending.current().role()));
      details.put("approvedScopes", pending.current().scopes());
    }
    return new ConnectRefused(new GatewayError(ErrorCodes.NOT_PAIRED, message, details, null, null),
        CloseCodes.POLICY_VIOLATION, message + " (requestId: " + request.requestId() + ")", false);
  }

  private static String truncate(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }
}
