package dev.clawgate.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A shared secret (the gateway token) and the only way to compare a presented value with it: in constant
 * time, over SHA-256 digests so neither the content nor the length of the secret leaks through timing.
 * {@link #toString()} never prints it.
 *
 * <p>A secret can also be known by its digest alone ({@link #ofSha256Hex}), which is how device tokens are
 * stored: what is on disk cannot be presented as the token.
 */
public final class SharedSecret {

  private final byte[] digest;

  public SharedSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a shared secret must not be empty");
    }
    this.digest = sha256(secret);
  }

  private SharedSecret(byte[] digest) {
    this.digest = digest;
  }

  /** A secret known only by its hex SHA-256 (as {@link #sha256Hex()} gives it). */
  public static SharedSecret ofSha256Hex(String hex) {
    Objects.requireNonNull(hex, "hex");
    byte[] digest = HexFormat.of().parseHex(hex);
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
    }
    return new SharedSecret(digest);
  }

  /** The hex SHA-256 of the secret: safe to store, useless to present. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(digest);
  }

  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SharedSecret[***]";
  }
}
