package dev.clawgate.gateway;

import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.gateway.ConnectRefused.AuthFailure;
import java.util.List;

/**
 * Which credential lets a connect in. The shared gateway secret, in {@code auth.token} or {@code auth.password},
 * wins when it matches. Otherwise a device whose proof already verified may present the device token it was
 * issued, in {@code auth.deviceToken} or (as OpenClaw clients send a stored device token) in {@code auth.token};
 * the token must be the device's for this role and cover the requested scopes. A device token without a device
 * proof is refused: bound to a device, it means nothing without that device's signature.
 */
final class ConnectCredentials {

  enum Method { SHARED_SECRET, DEVICE_TOKEN }

  private final SharedSecret sharedSecret;
  private final DevicePairing pairing;

  ConnectCredentials(SharedSecret sharedSecret, DevicePairing pairing) {
    this.sharedSecret = sharedSecret;
    this.pairing = pairing;
  }

  /**
   * @param scopes the scopes the connection would get, which a device token must cover
   */
  Method check(ConnectParams connect, List<String> scopes) throws ConnectRefused {
    boolean sharedSent = connect.token() != null || connect.password() != null;
    if (connect.token() != null && sharedSecret.matches(connect.token())
        || connect.password() != null && sharedSecret.matches(connect.password())) {
      return Method.SHARED_SECRET;
    }
    AuthFailure noSharedSecret = sharedSent ? AuthFailure.TOKEN_MISMATCH : AuthFailure.TOKEN_MISSING;
    String candidate = connect.deviceToken() != null ? connect.deviceToken() : connect.token();
    if (connect.device() == null) {
      if (!sharedSent && connect.deviceToken() != null) {
        throw ConnectRefused.deviceIdentityRequired();
      }
      throw ConnectRefused.unauthorized(noSharedSecret, connect);
    }
    if (candidate == null) {
      throw ConnectRefused.unauthorized(noSharedSecret, connect);
    }
    switch (pairing.checkToken(connect.device().id(), connect.devicePublicKey(), connect.role(), scopes,
        candidate)) {
      case VALID:
        return Method.DEVICE_TOKEN;
      case SCOPE_MISMATCH:
        throw ConnectRefused.unauthorized(AuthFailure.SCOPE_MISMATCH, connect);
      default:
        throw ConnectRefused.unauthorized(connect.deviceToken() != null ? AuthFailure.DEVICE_TOKEN_MISMATCH
            : AuthFailure.TOKEN_MISMATCH, connect);
    }
  }
}
