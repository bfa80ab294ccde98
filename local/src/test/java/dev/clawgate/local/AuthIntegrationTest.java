package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.DeviceIdentity;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.CloseCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser safety, device identity and pairing against a whole gateway over real sockets: the Origin check on
 * the HTTP upgrade, a device that pairs silently on loopback and comes back with its device token, and a
 * device behind a proxy that waits for {@code clawgate devices approve}.
 */
class AuthIntegrationTest {

  private static final String CONFIGURED_ORIGIN = "https://control.example.com";

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(stateDir.resolve(SettingsLoader.CONFIG_FILE),
        "{\"gateway\":{\"allowedOrigins\":[\"" + CONFIGURED_ORIGIN + "\"]}}");
    gateway = TestGateway.start(stateDir);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static URI url() {
    return gateway.gateway.url();
  }

  private static String ownOrigin() {
    return "http://127.0.0.1:" + gateway.gateway.port();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Origin

  @Test
  void anUpgradeFromAForeignOriginIsRefusedWith403BeforeAnyWebSocketExists() {
    CompletionStage<WebSocket> upgrade = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Origin", "https://evil.example")
        .buildAsync(url(), new WebSocket.Listener() {});

    assertThatThrownBy(() -> upgrade.toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void anUpgradeFromTheGatewaysOwnOriginIsAccepted() throws Exception {
    try (GatewayClient client = GatewayClient.connect(url(), ConnectOptions.operator(TestGateway.TOKEN),
        Map.of("Origin", ownOrigin()))) {
      assertThat(client.hello().path("type").asText()).isEqualTo("hello-ok");
    }
  }

  @Test
  void anUpgradeFromAConfiguredOriginIsAccepted() throws Exception {
    try (GatewayClient client = GatewayClient.connect(url(), ConnectOptions.operator(TestGateway.TOKEN),
        Map.of("Origin", CONFIGURED_ORIGIN))) {
      assertThat(client.hello().path("type").asText()).isEqualTo("hello-ok");
    }
  }

  @Test
  void anUpgradeWithoutOriginIsLeftToTheHandshake() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      assertThat(client.hello().path("type").asText()).isEqualTo("hello-ok");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Devices

  @Test
  void aDeviceSignedConnectGetsADeviceTokenAndReconnectsWithItAlone() throws Exception {
    DeviceIdentity device = DeviceIdentity.generate();
    ConnectOptions withToken = ConnectOptions.operator(TestGateway.TOKEN).withScopes(List.of("operator.read"))
        .withDevice(device, null);

    String deviceToken;
    try (GatewayClient first = GatewayClient.connect(url(), withToken)) {
      deviceToken = first.hello().path("auth").path("deviceToken").asText();
    }
    assertThat(deviceToken).isNotBlank().isNotEqualTo(TestGateway.TOKEN);

    ConnectOptions tokenless = ConnectOptions.operator(null).withScopes(List.of("operator.read"))
        .withDevice(device, deviceToken);
    try (GatewayClient again = GatewayClient.connect(url(), tokenless)) {
      assertThat(again.hello().path("auth").path("scopes")).extracting(JsonNode::asText)
          .containsExactly("operator.read");
      assertThat(again.call("health", Map.of()).get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void aDeviceTokenDoesNotWorkForAnotherDevice() throws Exception {
    DeviceIdentity device = DeviceIdentity.generate();
    String deviceToken;
    try (GatewayClient first = GatewayClient.connect(url(),
        ConnectOptions.operator(TestGateway.TOKEN).withDevice(device, null))) {
      deviceToken = first.hello().path("auth").path("deviceToken").asText();
    }

    ConnectOptions thief = ConnectOptions.operator(null).withDevice(DeviceIdentity.generate(), deviceToken);

    assertThatThrownBy(() -> GatewayClient.connect(url(), thief))
        .isInstanceOfSatisfying(GatewayCallException.class, refused -> {
          assertThat(refused.detailCode()).isEqualTo("AUTH_DEVICE_TOKEN_MISMATCH");
          assertThat(refused.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        });
  }

  @Test
  void aDeviceBehindAProxyWaitsForApprovalByTheDevicesCommandThenConnects() throws Exception {
    DeviceIdentity device = DeviceIdentity.generate();
    ConnectOptions options = ConnectOptions.operator(TestGateway.TOKEN).withScopes(List.of("operator.read"))
        .withDevice(device, null);
    Map<String, String> viaProxy = Map.of("X-Forwarded-For", "203.0.113.77");

    GatewayCallException refused = (GatewayCallException) org.assertj.core.api.Assertions.catchThrowable(
        () -> GatewayClient.connect(url(), options, viaProxy));
    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo("NOT_PAIRED");
    assertThat(refused.detailCode()).isEqualTo("PAIRING_REQUIRED");
    assertThat(refused.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
    String requestId = refused.error().path("details").path("requestId").asText();
    assertThat(requestId).isNotBlank();

    CliRun list = devices("list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    // The request shows the socket's address: a forwarded-for header is the client's word, not a fact.
    assertThat(list.out()).contains(requestId).contains(device.id().substring(0, 12)).contains("127.0.0.1");

    CliRun approve = devices("approve", requestId);
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("Approved device " + device.id().substring(0, 12));

    try (GatewayClient paired = GatewayClient.connect(url(), options, viaProxy)) {
      assertThat(paired.hello().path("auth").path("deviceToken").asText()).isNotBlank();
    }
  }

  @Test
  void approvingAnUnknownRequestFailsWithTheGatewaysReason() {
    CliRun approve = devices("approve", "no-such-request");

    assertThat(approve.exitCode()).isEqualTo(1);
    assertThat(approve.err()).contains("PAIRING_REQUEST_NOT_FOUND").contains("unknown requestId");
  }

  @Test
  void rejectingARequestDropsItAndTheDeviceStaysUnpaired() throws Exception {
    DeviceIdentity device = DeviceIdentity.generate();
    ConnectOptions options = ConnectOptions.operator(TestGateway.TOKEN).withDevice(device, null);
    Map<String, String> viaProxy = Map.of("X-Forwarded-For", "203.0.113.78");
    GatewayCallException refused = (GatewayCallException) org.assertj.core.api.Assertions.catchThrowable(
        () -> GatewayClient.connect(url(), options, viaProxy));
    String requestId = refused.error().path("details").path("requestId").asText();

    CliRun reject = devices("reject", requestId);

    assertThat(reject.exitCode()).as(reject.err()).isZero();
    assertThat(reject.out()).contains("Rejected request " + requestId);
    assertThat(devices("list").out()).doesNotContain(requestId);
  }

  private static CliRun devices(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("devices"));
    all.addAll(List.of(args));
    return CliRun.against(gateway, all.toArray(String[]::new));
  }
}
