package dev.clawgate.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.DeviceIdentity;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.auth.Scopes;
import dev.clawgate.pairing.InMemoryDeviceStore;
import dev.clawgate.pairing.PairedDevice;
import dev.clawgate.pairing.PairingRequest;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.Params;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceMethodsTest {

  private final InMemoryDeviceStore store = new InMemoryDeviceStore();
  private final DevicePairing pairing = new DevicePairing(store, Clock.systemUTC());
  private final MethodRegistry registry = new MethodRegistry();

  DeviceMethodsTest() {
    new DeviceMethods(pairing).register(registry);
  }

  /** A call answered in place; the payload is written as JSON text and read back, as a client would see it. */
  private static final class TestCall implements Call, ConnectionContext {
    private final String method;
    private final Params params;
    private final Set<String> scopes;
    JsonNode reply;

    TestCall(String method, Map<String, Object> params, Set<String> scopes) {
      this.method = method;
      this.params = new Params(FrameCodec.JSON.valueToTree(params));
      this.scopes = scopes;
    }

    @Override
    public String requestId() {
      return "r1";
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public ConnectionContext connection() {
      return this;
    }

    @Override
    public void reply(Object payload) {
      try {
        reply = FrameCodec.JSON.readTree(FrameCodec.JSON.writeValueAsString(payload));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void fail(GatewayError error) {
      throw new GatewayException(error);
    }

    @Override
    public String connId() {
      return "conn";
    }

    @Override
    public Set<String> scopes() {
      return scopes;
    }

    @Override
    public void sendEvent(String event, Object payload) {}

    @Override
    public void onClose(AutoCloseable cleanup) {}

    @Override
    public boolean isOpen() {
      return true;
    }
  }

  private JsonNode call(String method, Map<String, Object> params, Set<String> scopes) throws Exception {
    TestCall call = new TestCall(method, params, scopes);
    registry.find(method).orElseThrow().handler().handle(call);
    return call.reply;
  }

  private PairingRequest remoteRequest(List<String> scopes) {
    DeviceIdentity device = DeviceIdentity.generate();
    DevicePairing.Admission admission = pairing.admit(new DevicePairing.Claim(device.id(),
        device.publicKeyBase64Url(), "Phone", "ios", "iPhone", "openclaw-ios", "ui", "operator", scopes,
        "203.0.113.4"), false);
    return ((DevicePairing.Pending) admission).request();
  }

  @Test
  void everyPairingMethodNeedsThePairingScope() {
    for (String name : List.of("device.pair.list", "device.pair.approve", "device.pair.reject")) {
      assertThat(registry.find(name)).as(name).hasValueSatisfying(m -> assertThat(m.scope()).isEqualTo(Scopes.PAIRING));
    }
  }

  @Test
  void listShowsPendingRequestsAndPairedDevicesWithoutTokenHashes() throws Exception {
    PairingRequest waiting = remoteRequest(List.of(Scopes.READ));
    PairingRequest approved = remoteRequest(List.of(Scopes.WRITE));
    String deviceId = pairing.approve(approved.requestId()).orElseThrow().deviceId();
    pairing.issueToken(deviceId, "operator", List.of(Scopes.WRITE)).orElseThrow();

    JsonNode list = call("device.pair.list", Map.of(), Set.of(Scopes.PAIRING));

    assertThat(list.path("pending")).hasSize(1);
    JsonNode pending = list.path("pending").get(0);
    assertThat(pending.path("requestId").asText()).isEqualTo(waiting.requestId());
    assertThat(pending.path("deviceId").asText()).isEqualTo(waiting.deviceId());
    assertThat(pending.path("scopes")).extracting(JsonNode::asText).containsExactly(Scopes.READ);
    assertThat(pending.path("remoteIp").asText()).isEqualTo("203.0.113.4");
    assertThat(pending.path("expiresAtMs").asLong()).isGreaterThan(pending.path("ts").asLong());
    assertThat(list.path("paired")).hasSize(1);
    JsonNode paired = list.path("paired").get(0);
    assertThat(paired.path("deviceId").asText()).isEqualTo(deviceId);
    assertThat(paired.path("tokens").get(0).path("role").asText()).isEqualTo("operator");
    assertThat(list.toString()).doesNotContain("sha256")
        .doesNotContain(store.device(deviceId).orElseThrow().tokens().get("operator").sha256());
  }

  @Test
  void approvePairsTheDeviceAndAnswersWithIt() throws Exception {
    PairingRequest request = remoteRequest(List.of(Scopes.READ, Scopes.WRITE));

    JsonNode answer = call("device.pair.approve", Map.of("requestId", request.requestId()),
        Set.of(Scopes.PAIRING, Scopes.WRITE));

    assertThat(answer.path("requestId").asText()).isEqualTo(request.requestId());
    assertThat(answer.path("device").path("deviceId").asText()).isEqualTo(request.deviceId());
    assertThat(answer.path("device").path("approvedVia").asText()).isEqualTo("operator");
    assertThat(store.device(request.deviceId())).isPresent();
    assertThat(pairing.list().pending()).isEmpty();
  }

  @Test
  void anApproverCannotGrantAScopeItDoesNotHold() {
    PairingRequest request = remoteRequest(List.of(Scopes.READ, Scopes.ADMIN));

    assertThatThrownBy(() -> call("device.pair.approve", Map.of("requestId", request.requestId()),
        Set.of(Scopes.PAIRING, Scopes.WRITE)))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().code()).isEqualTo("FORBIDDEN");
          assertThat(e.error().detailCode()).isEqualTo("MISSING_SCOPE");
          assertThat(e.error().details()).containsEntry("missingScope", Scopes.ADMIN);
        });
    assertThat(store.device(request.deviceId())).isEmpty();
    assertThat(pairing.list().pending()).hasSize(1);
  }

  @Test
  void anAdminMayApproveAnything() throws Exception {
    PairingRequest request = remoteRequest(List.of(Scopes.ADMIN));

    call("device.pair.approve", Map.of("requestId", request.requestId()), Set.of(Scopes.ADMIN));

    assertThat(store.device(request.deviceId())).isPresent();
  }

  @Test
  void approvingOrRejectingAnUnknownRequestIsInvalidRequestUnknownRequestId() {
    for (String method : List.of("device.pair.approve", "device.pair.reject")) {
      assertThatThrownBy(() -> call(method, Map.of("requestId", "no-such-request"), Set.of(Scopes.ADMIN)))
          .as(method)
          .isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().code()).isEqualTo("INVALID_REQUEST");
            assertThat(e.error().detailCode()).isEqualTo("PAIRING_REQUEST_NOT_FOUND");
            assertThat(e.error().message()).startsWith("unknown requestId");
          });
    }
  }

  @Test
  void aMissingRequestIdIsInvalidParams() {
    assertThatThrownBy(() -> call("device.pair.approve", Map.of(), Set.of(Scopes.ADMIN)))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.error().detailCode()).isEqualTo("INVALID_PARAMS"));
  }

  @Test
  void rejectDropsTheRequestWithoutPairing() throws Exception {
    PairingRequest request = remoteRequest(List.of(Scopes.READ));

    JsonNode answer = call("device.pair.reject", Map.of("requestId", request.requestId()), Set.of(Scopes.PAIRING));

    assertThat(answer.path("deviceId").asText()).isEqualTo(request.deviceId());
    assertThat(pairing.list().pending()).isEmpty();
    assertThat(store.device(request.deviceId())).isEmpty();
  }

  @Test
  void pairingAnswersKeepTheirWireJsonWithOptionalFieldsOmittedWhenAbsent() throws Exception {
    PairingRequest described = remoteRequest(List.of(Scopes.READ));
    DeviceIdentity bareIdentity = DeviceIdentity.generate();
    PairingRequest bare = ((DevicePairing.Pending) pairing.admit(new DevicePairing.Claim(bareIdentity.id(),
        bareIdentity.publicKeyBase64Url(), null, null, null, null, null, "operator", List.of(Scopes.WRITE), null),
        false)).request();

    JsonNode approved = call("device.pair.approve", Map.of("requestId", bare.requestId()), Set.of(Scopes.ADMIN));
    PairedDevice device = store.device(bare.deviceId()).orElseThrow();
    assertThat(approved).isEqualTo(FrameCodec.JSON.readTree("""
        {"requestId":"%s","device":{"deviceId":"%s","publicKey":"%s","role":"operator","roles":["operator"],
         "scopes":["operator.write"],"approvedVia":"operator","createdAtMs":%d,"approvedAtMs":%d,"tokens":[]}}
        """.formatted(bare.requestId(), bare.deviceId(), bare.publicKey(), device.createdAtMs(),
        device.approvedAtMs())));

    pairing.issueToken(bare.deviceId(), "operator", List.of(Scopes.WRITE)).orElseThrow();
    long issuedAtMs = store.device(bare.deviceId()).orElseThrow().tokens().get("operator").issuedAtMs();
    JsonNode list = call("device.pair.list", Map.of(), Set.of(Scopes.PAIRING));
    assertThat(list).isEqualTo(FrameCodec.JSON.readTree("""
        {"pending":[{"requestId":"%s","deviceId":"%s","publicKey":"%s","displayName":"Phone","platform":"ios",
          "deviceFamily":"iPhone","clientId":"openclaw-ios","clientMode":"ui","role":"operator","roles":["operator"],
          "scopes":["operator.read"],"reason":"%s","remoteIp":"203.0.113.4","isRepair":false,"ts":%d,
          "expiresAtMs":%d}],
         "paired":[{"deviceId":"%s","publicKey":"%s","role":"operator","roles":["operator"],
          "scopes":["operator.write"],"approvedVia":"operator","createdAtMs":%d,"approvedAtMs":%d,
          "tokens":[{"role":"operator","scopes":["operator.write"],"createdAtMs":%d}]}]}
        """.formatted(described.requestId(), described.deviceId(), described.publicKey(), described.reason(),
        described.ts(), described.ts() + DevicePairing.REQUEST_TTL.toMillis(), bare.deviceId(), bare.publicKey(),
        device.createdAtMs(), device.approvedAtMs(), issuedAtMs)));

    JsonNode rejected = call("device.pair.reject", Map.of("requestId", described.requestId()),
        Set.of(Scopes.PAIRING));
    assertThat(rejected).isEqualTo(FrameCodec.JSON.readTree("""
        {"requestId":"%s","deviceId":"%s"}""".formatted(described.requestId(), described.deviceId())));
  }
}
