package dev.clawgate.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device keys as they travel: raw 32-byte Ed25519 public keys and 64-byte signatures, base64url. The JDK speaks
 * X.509 SubjectPublicKeyInfo, so raw keys are wrapped in (and unwrapped from) its fixed 12-byte Ed25519 prefix.
 */
public final class DeviceKeys {
  private DeviceKeys() {}

  public static final int PUBLIC_KEY_BYTES = 32;

  /** DER of SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes) }, followed by the 32 key bytes. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * Decodes a base64url (or base64) text; null when it is not valid base64. Padding is optional, as clients
   * send it without.
   */
  public static byte[] decode(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    try {
      return trimmed.indexOf('+') >= 0 || trimmed.indexOf('/') >= 0
          ? Base64.getDecoder().decode(trimmed)
          : Base64.getUrlDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The device id of a raw public key: hex SHA-256 of its 32 bytes, lower case. */
  public static String deviceId(byte[] rawPublicKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawPublicKey));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The JDK key for raw Ed25519 key bytes; throws when they are not 32 bytes or not a valid point. */
  public static PublicKey publicKey(byte[] rawPublicKey) throws GeneralSecurityException {
    if (rawPublicKey == null || rawPublicKey.length != PUBLIC_KEY_BYTES) {
      throw new GeneralSecurityException("an Ed25519 public key has 32 bytes");
    }
    byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
    System.arraycopy(rawPublicKey, 0, spki, X509_PREFIX.length, PUBLIC_KEY_BYTES);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  /** The raw 32 bytes of a JDK Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (spki.length != X509_PREFIX.length + PUBLIC_KEY_BYTES
        || !Arrays.equals(X509_PREFIX, 0, X509_PREFIX.length, spki, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(spki, X509_PREFIX.length, spki.length);
  }

  /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code text} (UTF-8); false for any junk. */
  public static boolean verify(PublicKey key, String text, byte[] signature) {
    if (signature == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
