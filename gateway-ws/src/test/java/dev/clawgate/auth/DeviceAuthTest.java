package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Device proofs signed in the test with a freshly generated Ed25519 key, accepted and refused. */
class DeviceAuthTest {

  private static final String NONCE = "challenge-nonce-1";
  private static final long NOW = 1_800_000_000_000L;

  private final DeviceIdentity device = DeviceIdentity.generate();

  /** What the connect claims; device id, signedAt and nonce come from the proof. */
  private final DeviceAuthPayload claims = new DeviceAuthPayload(null, "cli", "cli", "operator",
      List.of("operator.read"), 0, "shared-token", null, "linux", "Linux");

  private DeviceAuthPayload signedWith(String nonce, long signedAt) {
    return new DeviceAuthPayload(device.id(), "cli", "cli", "operator", List.of("operator.read"), signedAt,
        "shared-token", nonce, "linux", "Linux");
  }

  private DeviceAuth.Proof proof(String signature, long signedAt, String nonce) {
    return new DeviceAuth.Proof(device.id(), device.publicKeyBase64Url(), signature, signedAt, nonce);
  }

  private static DeviceAuth.Failure failureOf(DeviceAuth.Proof proof, DeviceAuthPayload claims) {
    try {
      DeviceAuth.verify(proof, claims, NONCE, NOW);
    } catch (DeviceAuth.Refused refused) {
      return refused.failure();
    }
    throw new AssertionError("the proof was accepted");
  }

  @Test
  void theDeviceIdIsTheHexSha256OfTheRawPublicKey() {
    byte[] raw = DeviceKeys.decode(device.publicKeyBase64Url());
    assertThat(raw).hasSize(32);
    assertThat(device.id()).hasSize(64).matches("[0-9a-f]+").isEqualTo(DeviceKeys.deviceId(raw));
  }

  @Test
  void aV3SignatureOverTheClaimsVerifies() throws Exception {
    String signature = device.sign(signedWith(NONCE, NOW).v3());

    assertThat(DeviceAuth.verify(proof(signature, NOW, NONCE), claims, NONCE, NOW)).isEqualTo("v3");
  }

  @Test
  void aV2SignatureFromAnOlderClientVerifies() throws Exception {
    String signature = device.sign(signedWith(NONCE, NOW).v2());

    assertThat(DeviceAuth.verify(proof(signature, NOW, NONCE), claims, NONCE, NOW)).isEqualTo("v2");
  }

  @Test
  void aSignatureWithinTwoMinutesEitherWayVerifies() throws Exception {
    long early = NOW - DeviceAuth.MAX_SKEW_MS;
    long late = NOW + DeviceAuth.MAX_SKEW_MS;

    assertThat(DeviceAuth.verify(proof(device.sign(signedWith(NONCE, early).v3()), early, NONCE), claims, NONCE,
        NOW)).isEqualTo("v3");
    assertThat(DeviceAuth.verify(proof(device.sign(signedWith(NONCE, late).v3()), late, NONCE), claims, NONCE,
        NOW)).isEqualTo("v3");
  }

  @Test
  void aSignatureOlderThanTwoMinutesIsExpired() {
    long stale = NOW - DeviceAuth.MAX_SKEW_MS - 1;
    DeviceAuth.Proof proof = proof(device.sign(signedWith(NONCE, stale).v3()), stale, NONCE);

    DeviceAuth.Failure failure = failureOf(proof, claims);

    assertThat(failure).isEqualTo(DeviceAuth.Failure.SIGNATURE_EXPIRED);
    assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_SIGNATURE_EXPIRED");
    assertThat(failure.reason()).isEqualTo("device-signature-stale");
  }

  @Test
  void aSignatureFromTheFutureBeyondTwoMinutesIsExpired() {
    long future = NOW + DeviceAuth.MAX_SKEW_MS + 1;

    assertThat(failureOf(proof(device.sign(signedWith(NONCE, future).v3()), future, NONCE), claims))
        .isEqualTo(DeviceAuth.Failure.SIGNATURE_EXPIRED);
  }

  @Test
  void aMissingSignedAtIsExpired() {
    DeviceAuth.Proof proof = new DeviceAuth.Proof(device.id(), device.publicKeyBase64Url(),
        device.sign(signedWith(NONCE, NOW).v3()), null, NONCE);

    assertThat(failureOf(proof, claims)).isEqualTo(DeviceAuth.Failure.SIGNATURE_EXPIRED);
  }

  @Test
  void aBlankNonceIsRequired() {
    DeviceAuth.Failure failure = failureOf(proof(device.sign(signedWith("", NOW).v3()), NOW, "  "), claims);

    assertThat(failure).isEqualTo(DeviceAuth.Failure.NONCE_REQUIRED);
    assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_NONCE_REQUIRED");
  }

  @Test
  void aNonceFromAnotherChallengeIsAMismatchEvenWhenSignedCorrectly() {
    String other = "some-other-challenge";
    DeviceAuth.Failure failure = failureOf(proof(device.sign(signedWith(other, NOW).v3()), NOW, other), claims);

    assertThat(failure).isEqualTo(DeviceAuth.Failure.NONCE_MISMATCH);
    assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_NONCE_MISMATCH");
  }

  @Test
  void aDeviceIdThatIsNotTheKeysFingerprintIsAMismatch() {
    DeviceIdentity other = DeviceIdentity.generate();
    DeviceAuth.Proof proof = new DeviceAuth.Proof(other.id(), device.publicKeyBase64Url(),
        device.sign(signedWith(NONCE, NOW).v3()), NOW, NONCE);

    DeviceAuth.Failure failure = failureOf(proof, claims);

    assertThat(failure).isEqualTo(DeviceAuth.Failure.DEVICE_ID_MISMATCH);
    assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_DEVICE_ID_MISMATCH");
  }

  @Test
  void aPublicKeyThatIsNot32BytesOfBase64UrlIsInvalid() {
    for (String key : List.of("not base64 !!", DeviceKeys.encode(new byte[31]), "")) {
      DeviceAuth.Proof proof = new DeviceAuth.Proof(device.id(), key, device.sign(signedWith(NONCE, NOW).v3()),
          NOW, NONCE);

      DeviceAuth.Failure failure = failureOf(proof, claims);

      assertThat(failure).as(key).isEqualTo(DeviceAuth.Failure.PUBLIC_KEY_INVALID);
      assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_PUBLIC_KEY_INVALID");
    }
  }

  @Test
  void aSignatureOverOtherScopesIsInvalid() {
    DeviceAuthPayload asked = new DeviceAuthPayload(null, "cli", "cli", "operator",
        List.of("operator.read", "operator.admin"), 0, "shared-token", null, "linux", "Linux");

    DeviceAuth.Failure failure = failureOf(proof(device.sign(signedWith(NONCE, NOW).v3()), NOW, NONCE), asked);

    assertThat(failure).isEqualTo(DeviceAuth.Failure.SIGNATURE_INVALID);
    assertThat(failure.detailCode()).isEqualTo("DEVICE_AUTH_SIGNATURE_INVALID");
    assertThat(failure.reason()).isEqualTo("device-signature");
  }

  @Test
  void aSignatureOverAnotherTokenIsInvalid() {
    DeviceAuthPayload otherToken = new DeviceAuthPayload(null, "cli", "cli", "operator", List.of("operator.read"),
        0, "a-different-token", null, "linux", "Linux");

    assertThat(failureOf(proof(device.sign(signedWith(NONCE, NOW).v3()), NOW, NONCE), otherToken))
        .isEqualTo(DeviceAuth.Failure.SIGNATURE_INVALID);
  }

  @Test
  void aSignatureByAnotherKeyIsInvalid() {
    DeviceIdentity intruder = DeviceIdentity.generate();

    assertThat(failureOf(proof(intruder.sign(signedWith(NONCE, NOW).v3()), NOW, NONCE), claims))
        .isEqualTo(DeviceAuth.Failure.SIGNATURE_INVALID);
  }

  @Test
  void garbageInPlaceOfASignatureIsInvalid() {
    assertThat(failureOf(proof("%%%", NOW, NONCE), claims)).isEqualTo(DeviceAuth.Failure.SIGNATURE_INVALID);
    assertThat(failureOf(proof(DeviceKeys.encode(new byte[64]), NOW, NONCE), claims))
        .isEqualTo(DeviceAuth.Failure.SIGNATURE_INVALID);
  }

  @Test
  void rawKeysRoundTripThroughTheJdkKey() throws Exception {
    byte[] raw = DeviceKeys.decode(device.publicKeyBase64Url());

    assertThat(DeviceKeys.raw(DeviceKeys.publicKey(raw))).isEqualTo(raw);
    assertThatThrownBy(() -> DeviceKeys.publicKey(new byte[33]))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }
}
