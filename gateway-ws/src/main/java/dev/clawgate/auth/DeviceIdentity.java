package dev.clawgate.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

/**
 * A client's device identity: an Ed25519 key pair, its device id, and signing of connect proofs. The gateway
 * never holds one; clients (the Java client, tests) do.
 */
public final class DeviceIdentity {

  private final KeyPair keys;
  private final byte[] rawPublicKey;

  public DeviceIdentity(KeyPair keys) {
    this.keys = keys;
    this.rawPublicKey = DeviceKeys.raw(keys.getPublic());
  }

  public static DeviceIdentity generate() {
    try {
      return new DeviceIdentity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }

  public String id() {
    return DeviceKeys.deviceId(rawPublicKey);
  }

  public String publicKeyBase64Url() {
    return DeviceKeys.encode(rawPublicKey);
  }

  /** The base64url Ed25519 signature of {@code text} (UTF-8). */
  public String sign(String text) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      return DeviceKeys.encode(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with an Ed25519 key", e);
    }
  }

  @Override
  public String toString() {
    return "DeviceIdentity[" + id() + "]";
  }
}
