package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.pairing.InMemoryDeviceStore;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePairingTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final InMemoryDeviceStore store = new InMemoryDeviceStore();
  private final DevicePairing pairing = new DevicePairing(store, clock);
  private final DeviceIdentity device = DeviceIdentity.generate();

  private DevicePairing.Claim claim(List<String> scopes) {
    return new DevicePairing.Claim(device.id(), device.publicKeyBase64Url(), "Laptop", "linux", "Linux", "cli",
        "cli", "operator", scopes, "203.0.113.9");
  }

  private PairingRequest pendingFor(List<String> scopes) {
    DevicePairing.Admission admission = pairing.admit(claim(scopes), false);
    assertThat(admission).isInstanceOf(DevicePairing.Pending.class);
    return ((DevicePairing.Pending) admission).request();
  }

  @Test
  void aLocalDeviceIsApprovedSilently() {
    DevicePairing.Admission admission = pairing.admit(claim(List.of(Scopes.READ)), true);

    assertThat(admission).isInstanceOfSatisfying(DevicePairing.Approved.class, approved -> {
      assertThat(approved.device().deviceId()).isEqualTo(device.id());
      assertThat(approved.device().approvedVia()).isEqualTo(PairedDevice.APPROVED_SILENTLY);
      assertThat(approved.device().scopes()).containsExactly(Scopes.READ);
    });
    assertThat(pairing.list().pending()).isEmpty();
  }

  @Test
  void aRemoteUnknownDeviceGetsAPendingNotPairedRequest() {
    PairingRequest request = pendingFor(List.of(Scopes.READ, Scopes.WRITE));

    assertThat(request.reason()).isEqualTo(DevicePairing.NOT_PAIRED);
    assertThat(request.requestId()).matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    assertThat(request.scopes()).containsExactly(Scopes.READ, Scopes.WRITE);
    assertThat(request.remoteIp()).isEqualTo("203.0.113.9");
    assertThat(pairing.list().pending()).containsExactly(request);
    assertThat(store.device(device.id())).isEmpty();
  }

  @Test
  void aRetryWithTheSameAskKeepsTheRequestId() {
    PairingRequest first = pendingFor(List.of(Scopes.READ));

    clock.advance(Duration.ofMinutes(1));
    PairingRequest retry = pendingFor(List.of(Scopes.READ));

    assertThat(retry.requestId()).isEqualTo(first.requestId());
    assertThat(pairing.list().pending()).hasSize(1);
  }

  @Test
  void aRequestExpiresAfterFiveMinutesAndARetryMakesANewOne() {
    PairingRequest first = pendingFor(List.of(Scopes.READ));

    clock.advance(DevicePairing.REQUEST_TTL.plusSeconds(1));

    assertThat(pairing.list().pending()).isEmpty();
    assertThat(pairing.approve(first.requestId())).isEmpty();
    PairingRequest second = pendingFor(List.of(Scopes.READ));
    assertThat(second.requestId()).isNotEqualTo(first.requestId());
    assertThat(store.requests()).containsExactly(second);
  }

  @Test
  void anApprovedDeviceIsAdmittedFromAnywhere() {
    PairingRequest request = pendingFor(List.of(Scopes.READ));

    PairedDevice approved = pairing.approve(request.requestId()).orElseThrow();

    assertThat(approved.approvedVia()).isEqualTo(PairedDevice.APPROVED_BY_OPERATOR);
    assertThat(pairing.admit(claim(List.of(Scopes.READ)), false)).isInstanceOf(DevicePairing.Approved.class);
    assertThat(pairing.list().pending()).isEmpty();
    assertThat(pairing.list().paired()).extracting(PairedDevice::deviceId).containsExactly(device.id());
  }

  @Test
  void askingForMoreThanApprovedFromAfarIsAScopeUpgradeRequest() {
    pairing.approve(pendingFor(List.of(Scopes.READ)).requestId()).orElseThrow();

    DevicePairing.Admission admission = pairing.admit(claim(List.of(Scopes.READ, Scopes.ADMIN)), false);

    assertThat(admission).isInstanceOfSatisfying(DevicePairing.Pending.class, pending -> {
      assertThat(pending.request().reason()).isEqualTo(DevicePairing.SCOPE_UPGRADE);
      assertThat(pending.current().scopes()).containsExactly(Scopes.READ);
    });
  }

  @Test
  void approvingAnUpgradeKeepsTheEarlierScopesAndTokens() {
    pairing.approve(pendingFor(List.of(Scopes.READ)).requestId()).orElseThrow();
    pairing.issueToken(device.id(), "operator", List.of(Scopes.READ)).orElseThrow();
    PairingRequest upgrade = pendingFor(List.of(Scopes.WRITE));

    PairedDevice upgraded = pairing.approve(upgrade.requestId()).orElseThrow();

    assertThat(upgraded.scopes()).containsExactly(Scopes.READ, Scopes.WRITE);
    assertThat(upgraded.tokens()).containsKey("operator");
  }

  @Test
  void narrowerScopesThanApprovedNeedNoNewApproval() {
    pairing.admit(claim(List.of(Scopes.ADMIN)), true);

    assertThat(pairing.admit(claim(List.of(Scopes.READ, Scopes.PAIRING)), false))
        .isInstanceOf(DevicePairing.Approved.class);
  }

  @Test
  void aRejectedRequestIsGoneAndTheDeviceIsNotPaired() {
    PairingRequest request = pendingFor(List.of(Scopes.READ));

    assertThat(pairing.reject(request.requestId())).contains(request);

    assertThat(pairing.reject(request.requestId())).isEmpty();
    assertThat(pairing.list().pending()).isEmpty();
    assertThat(store.device(device.id())).isEmpty();
  }

  @Test
  void anIssuedTokenIsStoredAsAHashAndChecksInConstantTimeAgainstIt() {
    pairing.admit(claim(List.of(Scopes.READ, Scopes.WRITE)), true);

    String token = pairing.issueToken(device.id(), "operator", List.of(Scopes.READ, Scopes.WRITE)).orElseThrow();

    String stored = store.device(device.id()).orElseThrow().tokens().get("operator").sha256();
    assertThat(stored).isEqualTo(new SharedSecret(token).sha256Hex()).doesNotContain(token);
    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "operator", List.of(Scopes.READ),
        token)).isEqualTo(DevicePairing.TokenCheck.VALID);
  }

  @Test
  void aTokenIsBoundToItsDeviceRoleAndScopes() {
    pairing.admit(claim(List.of(Scopes.READ)), true);
    String token = pairing.issueToken(device.id(), "operator", List.of(Scopes.READ)).orElseThrow();
    DeviceIdentity other = DeviceIdentity.generate();

    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "operator", List.of(Scopes.WRITE),
        token)).isEqualTo(DevicePairing.TokenCheck.SCOPE_MISMATCH);
    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "node", List.of(), token))
        .isEqualTo(DevicePairing.TokenCheck.MISMATCH);
    assertThat(pairing.checkToken(other.id(), other.publicKeyBase64Url(), "operator", List.of(Scopes.READ), token))
        .isEqualTo(DevicePairing.TokenCheck.MISMATCH);
    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "operator", List.of(Scopes.READ),
        token + "x")).isEqualTo(DevicePairing.TokenCheck.MISMATCH);
  }

  @Test
  void aNewTokenReplacesTheOldOne() {
    pairing.admit(claim(List.of(Scopes.READ)), true);
    String first = pairing.issueToken(device.id(), "operator", List.of(Scopes.READ)).orElseThrow();

    String second = pairing.issueToken(device.id(), "operator", List.of(Scopes.READ)).orElseThrow();

    assertThat(second).isNotEqualTo(first);
    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "operator", List.of(), first))
        .isEqualTo(DevicePairing.TokenCheck.MISMATCH);
    assertThat(pairing.checkToken(device.id(), device.publicKeyBase64Url(), "operator", List.of(), second))
        .isEqualTo(DevicePairing.TokenCheck.VALID);
  }

  @Test
  void noTokenIsIssuedToADeviceThatIsNotPaired() {
    assertThat(pairing.issueToken(device.id(), "operator", List.of())).isEmpty();
  }
}
