package dev.clawgate.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Checks a device's proof of identity on connect: the key decodes, the device id is the key's fingerprint, the
 * proof is fresh (signed within two minutes of now) and bound to this connection's challenge nonce, and the
 * signature covers the connect's claims (v3 text, or v2 for older clients). Each refusal is a
 * {@link Failure} carrying the {@code details.code} OpenClaw clients know.
 */
public final class DeviceAuth {
  private DeviceAuth() {}

  /** How far {@code signedAt} may be from the gateway's clock, either way. */
  public static final long MAX_SKEW_MS = 120_000;

  /**
   * The {@code device} block of connect params as sent.
   *
   * @param signedAt null when missing or not an integer
   */
  public record Proof(String id, String publicKey, String signature, Long signedAt, String nonce) {}

  /** Why a proof was refused: {@code details.code}, {@code details.reason} and the message, as OpenClaw sends. */
  public enum Failure {
    PUBLIC_KEY_INVALID("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key", "device public key invalid"),
    DEVICE_ID_MISMATCH("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch", "device identity mismatch"),
    SIGNATURE_EXPIRED("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale", "device signature expired"),
    NONCE_REQUIRED("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing", "device nonce required"),
    NONCE_MISMATCH("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch", "device nonce mismatch"),
    SIGNATURE_INVALID("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature", "device signature invalid");

    private final String detailCode;
    private final String reason;
    private final String message;

    Failure(String detailCode, String reason, String message) {
      this.detailCode = detailCode;
      this.reason = reason;
      this.message = message;
    }

    public String detailCode() {
      return detailCode;
    }

    public String reason() {
      return reason;
    }

    public String message() {
      return message;
    }
  }

  /** A refused proof. */
  public static final class Refused extends Exception {
    private final Failure failure;

    Refused(Failure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * Verifies {@code proof}; {@code claims} is what the connect asked for (its device id, signedAt and nonce
   * are taken from the proof, whatever the caller put there).
   *
   * @param expectedNonce the nonce of the challenge this connection was sent
   * @return the payload version that verified: {@code v3} or {@code v2}
   */
  public static String verify(Proof proof, DeviceAuthPayload claims, String expectedNonce, long nowMs)
      throws Refused {
    byte[] rawKey = DeviceKeys.decode(proof.publicKey());
    PublicKey key;
    try {
      key = DeviceKeys.publicKey(rawKey);
    } catch (GeneralSecurityException e) {
      throw new Refused(Failure.PUBLIC_KEY_INVALID);
    }
    if (proof.id() == null || !DeviceKeys.deviceId(rawKey).equals(proof.id())) {
      throw new Refused(Failure.DEVICE_ID_MISMATCH);
    }
    if (proof.signedAt() == null || Math.abs(nowMs - proof.signedAt()) > MAX_SKEW_MS) {
      throw new Refused(Failure.SIGNATURE_EXPIRED);
    }
    String nonce = proof.nonce() == null ? "" : proof.nonce().trim();
    if (nonce.isEmpty()) {
      throw new Refused(Failure.NONCE_REQUIRED);
    }
    if (!nonce.equals(expectedNonce)) {
      throw new Refused(Failure.NONCE_MISMATCH);
    }
    DeviceAuthPayload signed = new DeviceAuthPayload(proof.id(), claims.clientId(), claims.clientMode(),
        claims.role(), claims.scopes(), proof.signedAt(), claims.token(), nonce, claims.platform(),
        claims.deviceFamily());
    byte[] signature = DeviceKeys.decode(proof.signature());
    if (DeviceKeys.verify(key, signed.v3(), signature)) {
      return "v3";
    }
    if (DeviceKeys.verify(key, signed.v2(), signature)) {
      return "v2";
    }
    throw new Refused(Failure.SIGNATURE_INVALID);
  }
}
