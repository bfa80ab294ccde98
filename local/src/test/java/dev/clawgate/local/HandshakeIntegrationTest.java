package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.CloseCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshake's documented refusals, seen by a client over a real socket: error payload, then close code. */
class HandshakeIntegrationTest {

  @TempDir
  static Path stateDir;

  private static TestGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateway.start(stateDir);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void wrongTokenIsRefusedWithTokenMismatchAndClose1008() {
    assertThatThrownBy(() -> GatewayClient.connect(gateway.gateway.url(), ConnectOptions.operator("not-the-token")))
        .isInstanceOfSatisfying(GatewayCallException.class, refused -> {
          assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
          assertThat(refused.detailCode()).isEqualTo("AUTH_TOKEN_MISMATCH");
          assertThat(refused.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        });
  }

  @Test
  void missingTokenIsRefusedWithTokenMissingAndClose1008() {
    assertThatThrownBy(() -> GatewayClient.connect(gateway.gateway.url(), ConnectOptions.operator(null)))
        .isInstanceOfSatisfying(GatewayCallException.class, refused -> {
          assertThat(refused.detailCode()).isEqualTo("AUTH_TOKEN_MISSING");
          assertThat(refused.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        });
  }

  @Test
  void protocolOutsideTheClientsRangeIsRefusedWithClose1002() {
    ConnectOptions tooNew = ConnectOptions.operator(TestGateway.TOKEN).withProtocolRange(5, 6);
    assertThatThrownBy(() -> GatewayClient.connect(gateway.gateway.url(), tooNew))
        .isInstanceOfSatisfying(GatewayCallException.class, refused -> {
          assertThat(refused.detailCode()).isEqualTo("PROTOCOL_MISMATCH");
          assertThat(refused.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        });
  }

  @Test
  void probeClientsAskingForThreeToFourAreAccepted() throws Exception {
    try (GatewayClient client = GatewayClient.connect(gateway.gateway.url(),
        ConnectOptions.operator(TestGateway.TOKEN).withProtocolRange(3, 4))) {
      assertThat(client.hello().path("protocol").asInt()).isEqualTo(4);
    }
  }

  @Test
  void firstFrameOtherThanConnectIsRefusedWithClose1008() throws Exception {
    GatewayClient raw = GatewayClient.open(gateway.gateway.url());
    raw.sendRaw("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}");
    GatewayClient.Close close = raw.awaitClose(10_000);
    assertThat(close.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
  }

  @Test
  void helloOkAdvertisesExactlyTheImplementedMethods() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      JsonNode hello = client.hello();
      assertThat(hello.path("type").asText()).isEqualTo("hello-ok");
      assertThat(hello.path("features").path("methods")).extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("health", "status", "agent", "agent.wait", "agents.list", "chat.send",
              "chat.history", "chat.abort", "sessions.list", "sessions.reset", "sessions.patch", "sessions.delete", "sessions.subscribe", "system-presence", "models.list",
              "config.get", "usage.status", "logs.tail",
              "last-heartbeat", "set-heartbeats", "wake", "device.pair.list", "device.pair.approve",
              "device.pair.reject", "cron.list", "cron.get", "cron.status", "cron.runs", "cron.add", "cron.update",
              "cron.remove", "cron.run");
      assertThat(hello.path("snapshot").path("sessionDefaults").path("mainSessionKey").asText())
          .isEqualTo("agent:main:main");
      assertThat(hello.path("policy").path("tickIntervalMs").asLong()).isPositive();
    }
  }

  @Test
  void unknownMethodAnswersInvalidRequestAndKeepsTheConnection() throws Exception {
    try (GatewayClient client = gateway.connect()) {
      assertThatThrownBy(() -> client.call("no.such.method", Map.of()).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(GatewayCallException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_REQUEST");
            assertThat(e.error().path("message").asText()).isEqualTo("unknown method: no.such.method");
          });
      assertThat(client.call("health", Map.of()).get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void readOnlyClientCannotStartARun() throws Exception {
    try (GatewayClient reader = GatewayClient.connect(gateway.gateway.url(),
        ConnectOptions.operator(TestGateway.TOKEN).withScopes(List.of("operator.read")))) {
      assertThatThrownBy(() -> reader.call("agent", Map.of("message", "hi", "idempotencyKey", "k1"))
          .get(10, TimeUnit.SECONDS))
          .cause().isInstanceOfSatisfying(GatewayCallException.class, e -> {
            assertThat(e.code()).isEqualTo("FORBIDDEN");
            assertThat(e.detailCode()).isEqualTo("MISSING_SCOPE");
          });
    }
  }
}
