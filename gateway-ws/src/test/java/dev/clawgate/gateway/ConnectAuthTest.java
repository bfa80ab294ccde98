package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.auth.AuthRateLimiter;
import dev.clawgate.auth.DeviceAuthPayload;
import dev.clawgate.auth.DeviceIdentity;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Scopes;
import dev.clawgate.auth.SharedSecret;
import dev.clawgate.methods.MethodRegistry;
import dev.clawgate.pairing.InMemoryDeviceStore;
import dev.clawgate.pairing.PairingRequest;
import dev.clawgate.protocol.FrameCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake's authentication rules as a client meets them: device proofs, device tokens, pairing off
 * loopback, and the failed-auth lockout. Drives {@link GatewayConnection} through a fake transport that can
 * pretend to be any peer (address, browser origin, proxy).
 */
class ConnectAuthTest {

  private static final String SECRET = "the-shared-secret";
  private static final String REMOTE = "203.0.113.50";
  private static final String LOOPBACK = "127.0.0.1";

  private final InMemoryDeviceStore store = new InMemoryDeviceStore();
  private final DevicePairing pairing = new DevicePairing(store, Clock.systemUTC());
  private final GatewayCore core = new GatewayCore(
      new GatewaySettings("test", new SharedSecret(SECRET), 60_000, 1 << 20, 1 << 24,
          GatewaySettings.PRE_HANDSHAKE_MAX_BYTES, 60_000, List.of()),
      new MethodRegistry().register("echo", Scopes.READ, call -> call.reply(Map.of("ok", true))),
      Map::of, pairing, new AuthRateLimiter(Clock.systemUTC()));
  private final DeviceIdentity device = DeviceIdentity.generate();

  @AfterEach
  void close() {
    core.close();
  }

  /** A transport that records what the gateway sends; address, origin and proxy flag as the test says. */
  static final class FakePeer implements Outbound {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    final List<String> closeReasons = new CopyOnWriteArrayList<>();
    final String address;
    final String origin;
    final boolean proxied;

    FakePeer(String address, String origin, boolean proxied) {
      this.address = address;
      this.origin = origin;
      this.proxied = proxied;
    }

    @Override
    public void sendText(String text, Runnable onDone) {
      try {
        frames.add(FrameCodec.JSON.readTree(text));
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + text, e);
      }
      onDone.run();
    }

    @Override
    public void close(int code, String reason) {
      closeCodes.add(code);
      closeReasons.add(reason);
    }

    @Override
    public String remoteAddress() {
      return address;
    }

    @Override
    public String origin() {
      return origin;
    }

    @Override
    public boolean proxied() {
      return proxied;
    }

    JsonNode challenge() {
      return frames.get(0).path("payload");
    }

    JsonNode response() {
      return frames.stream().filter(f -> "res".equals(f.path("type").asText())).reduce((a, b) -> b)
          .orElseGet(() -> fail("no response"));
    }
  }

  /** How a test client builds its connect. */
  private final class Connect {
    String token = SECRET;
    String deviceToken;
    List<String> scopes = List.of(Scopes.READ, Scopes.WRITE);
    DeviceIdentity signer = device;
    boolean withDevice = true;
    String version = "v3";
    String nonceOverride;
    Long signedAtOverride;
    String idOverride;
    String publicKeyOverride;
    List<String> signedScopesOverride;

    FakePeer from(String address) {
      return from(new FakePeer(address, null, false));
    }

    FakePeer from(FakePeer peer) {
      GatewayConnection connection = core.newConnection(peer);
      connection.opened();
      connection.onText(frame(peer.challenge()));
      return peer;
    }

    String frame(JsonNode challenge) {
      ObjectNode params = FrameCodec.JSON.createObjectNode();
      params.put("minProtocol", 4).put("maxProtocol", 4).put("role", "operator");
      params.putObject("client").put("id", "cli").put("version", "1").put("platform", "linux")
          .put("deviceFamily", "Linux").put("mode", "cli");
      scopes.forEach(params.putArray("scopes")::add);
      ObjectNode auth = params.putObject("auth");
      if (token != null) {
        auth.put("token", token);
      }
      if (deviceToken != null) {
        auth.put("deviceToken", deviceToken);
      }
      if (withDevice) {
        String nonce = nonceOverride != null ? nonceOverride : challenge.path("nonce").asText();
        long signedAt = signedAtOverride != null ? signedAtOverride : challenge.path("ts").asLong();
        String signedToken = token != null ? token : deviceToken != null ? deviceToken : "";
        DeviceAuthPayload payload = new DeviceAuthPayload(device.id(), "cli", "cli", "operator",
            signedScopesOverride != null ? signedScopesOverride : scopes, signedAt, signedToken, nonce, "linux",
            "Linux");
        params.putObject("device")
            .put("id", idOverride != null ? idOverride : device.id())
            .put("publicKey", publicKeyOverride != null ? publicKeyOverride : device.publicKeyBase64Url())
            .put("signature", signer.sign("v2".equals(version) ? payload.v2() : payload.v3()))
            .put("signedAt", signedAt)
            .put("nonce", nonce);
      }
      ObjectNode frame = FrameCodec.JSON.createObjectNode();
      frame.put("type", "req").put("id", "c1").put("method", "connect").set("params", params);
      return frame.toString();
    }
  }

  private static void assertAccepted(FakePeer peer) {
    JsonNode response = peer.response();
    assertThat(response.path("ok").asBoolean()).as("connect accepted: %s", response).isTrue();
    assertThat(peer.closeCodes).isEmpty();
  }

  private static JsonNode assertRefused(FakePeer peer, String code, String detailCode) {
    JsonNode response = peer.response();
    assertThat(response.path("ok").asBoolean()).as("refused: %s", response).isFalse();
    JsonNode error = response.path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("details").path("code").asText()).isEqualTo(detailCode);
    assertThat(error.path("message").asText()).isNotBlank();
    awaitClose(peer);
    assertThat(peer.closeCodes).containsExactly(1008);
    return error;
  }

  /** The close follows a refusal after a short grace period; wait for it, within a deadline. */
  private static void awaitClose(FakePeer peer) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (peer.closeCodes.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        fail("the gateway did not close the refused connection");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  private String approveOnlyRequest() {
    List<PairingRequest> pending = pairing.list().pending();
    assertThat(pending).hasSize(1);
    pairing.approve(pending.get(0).requestId()).orElseThrow();
    return pending.get(0).requestId();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Device proofs

  @Test
  void aV3SignedDeviceOnLoopbackIsApprovedSilentlyAndGetsADeviceToken() {
    FakePeer peer = new Connect().from(LOOPBACK);

    assertAccepted(peer);
    JsonNode auth = peer.response().path("payload").path("auth");
    assertThat(auth.path("deviceToken").asText()).isNotBlank();
    assertThat(auth.path("scopes")).extracting(JsonNode::asText).containsExactly(Scopes.READ, Scopes.WRITE);
    assertThat(store.device(device.id())).hasValueSatisfying(d -> assertThat(d.approvedVia()).isEqualTo("silent"));
  }

  @Test
  void aV2SignedDeviceIsAccepted() {
    Connect connect = new Connect();
    connect.version = "v2";

    assertAccepted(connect.from(LOOPBACK));
  }

  @Test
  void aConnectWithoutADeviceGetsNoDeviceToken() {
    Connect connect = new Connect();
    connect.withDevice = false;
    FakePeer peer = connect.from(LOOPBACK);

    assertAccepted(peer);
    assertThat(peer.response().path("payload").path("auth").has("deviceToken")).isFalse();
  }

  @Test
  void aProofSignedForAnotherChallengeIsRefusedNonceMismatch() {
    Connect connect = new Connect();
    connect.nonceOverride = "a-nonce-from-another-connection";

    JsonNode error = assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_NONCE_MISMATCH");
    assertThat(error.path("details").path("reason").asText()).isEqualTo("device-nonce-mismatch");
  }

  @Test
  void aProofWithoutANonceIsRefusedNonceRequired() {
    Connect connect = new Connect();
    connect.nonceOverride = " ";

    assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_NONCE_REQUIRED");
  }

  @Test
  void aProofSignedThreeMinutesAgoIsRefusedSignatureExpired() {
    Connect connect = new Connect();
    connect.signedAtOverride = System.currentTimeMillis() - 3 * 60_000;

    assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_SIGNATURE_EXPIRED");
  }

  @Test
  void aDeviceIdThatIsNotTheKeysFingerprintIsRefusedDeviceIdMismatch() {
    Connect connect = new Connect();
    connect.idOverride = DeviceIdentity.generate().id();

    assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_DEVICE_ID_MISMATCH");
  }

  @Test
  void aPublicKeyThatIsNotAnEd25519KeyIsRefusedPublicKeyInvalid() {
    Connect connect = new Connect();
    connect.publicKeyOverride = "c2hvcnQ";

    assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_PUBLIC_KEY_INVALID");
  }

  @Test
  void aSignatureThatDoesNotCoverTheRequestedScopesIsRefusedSignatureInvalid() {
    Connect connect = new Connect();
    connect.signedScopesOverride = List.of(Scopes.READ);
    connect.scopes = List.of(Scopes.READ, Scopes.ADMIN);

    JsonNode error = assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_SIGNATURE_INVALID");
    assertThat(error.path("details").path("reason").asText()).isEqualTo("device-signature");
  }

  @Test
  void aSignatureByAnotherKeyIsRefusedSignatureInvalid() {
    Connect connect = new Connect();
    connect.signer = DeviceIdentity.generate();

    assertRefused(connect.from(LOOPBACK), "INVALID_REQUEST", "DEVICE_AUTH_SIGNATURE_INVALID");
    assertThat(store.devices()).isEmpty();
  }

  @Test
  void aDeviceBlockWithoutItsIdIsRefusedInvalidParams() {
    FakePeer peer = new FakePeer(LOOPBACK, null, false);
    GatewayConnection connection = core.newConnection(peer);
    connection.opened();
    connection.onText("{\"type\":\"req\",\"id\":\"c1\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,"
        + "\"maxProtocol\":4,\"auth\":{\"token\":\"" + SECRET + "\"},\"device\":{\"publicKey\":\"x\"}}}");

    assertRefused(peer, "INVALID_REQUEST", "INVALID_PARAMS");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pairing

  @Test
  void aRemoteUnpairedDeviceIsRefusedPairingRequiredWithARequestId() {
    FakePeer peer = new Connect().from(REMOTE);

    JsonNode error = assertRefused(peer, "NOT_PAIRED", "PAIRING_REQUIRED");
    JsonNode details = error.path("details");
    String requestId = details.path("requestId").asText();
    assertThat(requestId).isNotBlank();
    assertThat(details.path("reason").asText()).isEqualTo("not-paired");
    assertThat(details.path("deviceId").asText()).isEqualTo(device.id());
    assertThat(details.path("requestedRole").asText()).isEqualTo("operator");
    assertThat(details.path("requestedScopes")).extracting(JsonNode::asText)
        .containsExactly(Scopes.READ, Scopes.WRITE);
    assertThat(details.path("remediationHint").asText()).contains("clawgate devices approve " + requestId);
    assertThat(peer.closeReasons.get(0)).contains("requestId: " + requestId);
    assertThat(pairing.list().pending()).extracting(PairingRequest::requestId).containsExactly(requestId);
  }

  @Test
  void aRetryBeforeApprovalKeepsTheSameRequestId() {
    String first = new Connect().from(REMOTE).response().path("error").path("details").path("requestId").asText();

    String second = new Connect().from(REMOTE).response().path("error").path("details").path("requestId").asText();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void afterApprovalTheRemoteDeviceConnectsAndGetsADeviceToken() {
    new Connect().from(REMOTE);
    approveOnlyRequest();

    FakePeer peer = new Connect().from(REMOTE);

    assertAccepted(peer);
    assertThat(peer.response().path("payload").path("auth").path("deviceToken").asText()).isNotBlank();
  }

  @Test
  void aRemoteDeviceAskingForMoreThanApprovedIsRefusedAsAScopeUpgrade() {
    new Connect().from(REMOTE);
    approveOnlyRequest();
    Connect more = new Connect();
    more.scopes = List.of(Scopes.READ, Scopes.WRITE, Scopes.ADMIN);

    JsonNode details = assertRefused(more.from(REMOTE), "NOT_PAIRED", "PAIRING_REQUIRED").path("details");

    assertThat(details.path("reason").asText()).isEqualTo("scope-upgrade");
    assertThat(details.path("approvedScopes")).extracting(JsonNode::asText)
        .containsExactly(Scopes.READ, Scopes.WRITE);
  }

  @Test
  void aBrowserPageOnLoopbackIsNotApprovedSilently() {
    FakePeer page = new FakePeer(LOOPBACK, "http://127.0.0.1:18789", false);

    assertRefused(new Connect().from(page), "NOT_PAIRED", "PAIRING_REQUIRED");
  }

  @Test
  void aConnectThroughAProxyOnLoopbackIsNotApprovedSilently() {
    FakePeer proxied = new FakePeer(LOOPBACK, null, true);

    assertRefused(new Connect().from(proxied), "NOT_PAIRED", "PAIRING_REQUIRED");
  }

  @Test
  void aPairingRefusalDoesNotCountAsAFailedAuthentication() {
    for (int i = 0; i < 12; i++) {
      new Connect().from(REMOTE);
    }

    assertRefused(new Connect().from(REMOTE), "NOT_PAIRED", "PAIRING_REQUIRED");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Device tokens

  private String issuedToken() {
    FakePeer peer = new Connect().from(LOOPBACK);
    assertAccepted(peer);
    return peer.response().path("payload").path("auth").path("deviceToken").asText();
  }

  @Test
  void aPairedDeviceReconnectsFromAfarWithItsDeviceTokenAlone() {
    String deviceToken = issuedToken();
    Connect reconnect = new Connect();
    reconnect.token = null;
    reconnect.deviceToken = deviceToken;

    FakePeer peer = reconnect.from(REMOTE);

    assertAccepted(peer);
    // It authenticated with its token, so it keeps it: no new one.
    assertThat(peer.response().path("payload").path("auth").has("deviceToken")).isFalse();
  }

  @Test
  void aDeviceTokenSentInTheTokenFieldIsAcceptedToo() {
    String deviceToken = issuedToken();
    Connect reconnect = new Connect();
    reconnect.token = deviceToken;

    assertAccepted(reconnect.from(REMOTE));
  }

  @Test
  void aWrongExplicitDeviceTokenIsRefusedDeviceTokenMismatch() {
    issuedToken();
    Connect reconnect = new Connect();
    reconnect.token = null;
    reconnect.deviceToken = "not-the-device-token";

    JsonNode error = assertRefused(reconnect.from(REMOTE), "INVALID_REQUEST", "AUTH_DEVICE_TOKEN_MISMATCH");
    assertThat(error.path("details").path("recommendedNextStep").asText()).isEqualTo("update_auth_credentials");
  }

  @Test
  void aWrongTokenWithADeviceIsToldItMayRetryWithItsDeviceToken() {
    issuedToken();
    Connect reconnect = new Connect();
    reconnect.token = "wrong";

    JsonNode details = assertRefused(reconnect.from(REMOTE), "INVALID_REQUEST", "AUTH_TOKEN_MISMATCH")
        .path("details");
    assertThat(details.path("canRetryWithDeviceToken").asBoolean()).isTrue();
    assertThat(details.path("recommendedNextStep").asText()).isEqualTo("retry_with_device_token");
    assertThat(details.path("authReason").asText()).isEqualTo("token_mismatch");
  }

  @Test
  void aDeviceTokenAskingForMoreScopesThanItCarriesIsRefusedScopeMismatch() {
    String deviceToken = issuedToken();
    pairing.admit(new DevicePairing.Claim(device.id(), device.publicKeyBase64Url(), null, null, null, "cli", "cli",
        "operator", List.of(Scopes.ADMIN), LOOPBACK), true);
    Connect reconnect = new Connect();
    reconnect.token = null;
    reconnect.deviceToken = deviceToken;
    reconnect.scopes = List.of(Scopes.ADMIN);

    assertRefused(reconnect.from(REMOTE), "INVALID_REQUEST", "AUTH_SCOPE_MISMATCH");
  }

  @Test
  void aDeviceTokenWithoutTheDevicesProofIsRefusedDeviceIdentityRequired() {
    String deviceToken = issuedToken();
    Connect tokenOnly = new Connect();
    tokenOnly.withDevice = false;
    tokenOnly.token = null;
    tokenOnly.deviceToken = deviceToken;

    assertRefused(tokenOnly.from(REMOTE), "NOT_PAIRED", "DEVICE_IDENTITY_REQUIRED");
  }

  @Test
  void aDeviceTokenStolenByAnotherDeviceIsUseless() {
    String deviceToken = issuedToken();
    Connect thief = new Connect();
    thief.signer = DeviceIdentity.generate();
    // The thief signs with its own key and presents its own id and key, with the stolen token.
    DeviceIdentity thiefKey = thief.signer;
    thief.idOverride = thiefKey.id();
    thief.publicKeyOverride = thiefKey.publicKeyBase64Url();
    thief.token = null;
    thief.deviceToken = deviceToken;

    FakePeer peer = thief.from(REMOTE);

    assertThat(peer.response().path("ok").asBoolean()).isFalse();
    awaitClose(peer);
    assertThat(peer.closeCodes).containsExactly(1008);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rate limiting

  private FakePeer connectWithToken(String address, String token) {
    Connect connect = new Connect();
    connect.withDevice = false;
    connect.token = token;
    return connect.from(address);
  }

  @Test
  void tenWrongTokensFromARemoteAddressLockItOutEvenWithTheRightToken() {
    for (int i = 0; i < AuthRateLimiter.MAX_FAILURES; i++) {
      assertRefused(connectWithToken(REMOTE, "guess-" + i), "INVALID_REQUEST", "AUTH_TOKEN_MISMATCH");
    }

    FakePeer locked = connectWithToken(REMOTE, SECRET);

    JsonNode error = assertRefused(locked, "INVALID_REQUEST", "AUTH_RATE_LIMITED");
    assertThat(error.path("retryable").asBoolean()).isTrue();
    assertThat(error.path("retryAfterMs").asLong()).isBetween(1L, AuthRateLimiter.LOCKOUT_MS);
    assertThat(error.path("details").path("recommendedNextStep").asText()).isEqualTo("wait_then_retry");
    assertAccepted(connectWithToken("198.51.100.7", SECRET));
  }

  @Test
  void loopbackIsNeverLockedOut() {
    for (int i = 0; i < AuthRateLimiter.MAX_FAILURES + 5; i++) {
      connectWithToken(LOOPBACK, "guess-" + i);
    }

    assertAccepted(connectWithToken(LOOPBACK, SECRET));
  }

  @Test
  void aMissingTokenDoesNotCountAsAFailedAttempt() {
    for (int i = 0; i < AuthRateLimiter.MAX_FAILURES + 5; i++) {
      assertRefused(connectWithToken(REMOTE, null), "INVALID_REQUEST", "AUTH_TOKEN_MISSING");
    }

    assertAccepted(connectWithToken(REMOTE, SECRET));
  }

  @Test
  void badDeviceProofsCountAsFailedAttempts() {
    List<FakePeer> attempts = new ArrayList<>();
    for (int i = 0; i < AuthRateLimiter.MAX_FAILURES; i++) {
      Connect forged = new Connect();
      forged.signer = DeviceIdentity.generate();
      attempts.add(forged.from(REMOTE));
    }

    assertThat(attempts).allSatisfy(p -> assertRefused(p, "INVALID_REQUEST", "DEVICE_AUTH_SIGNATURE_INVALID"));
    assertRefused(connectWithToken(REMOTE, SECRET), "INVALID_REQUEST", "AUTH_RATE_LIMITED");
  }
}
