package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no model configured the gateway still starts, and a run ends with an error that says what to set. */
class NoModelIntegrationTest {

  @Test
  void runWithoutAModelEndsWithAnErrorNamingTheSetting(@TempDir Path stateDir) throws Exception {
    Map<String, String> env = Map.of(
        "CLAWGATE_STATE_DIR", stateDir.toString(),
        "CLAWGATE_PORT", "0",
        "CLAWGATE_GATEWAY_TOKEN", "t0k3n",
        "CLAWGATE_TASK_QUEUE", "no-model-" + System.nanoTime());
    try (ClawgateGateway gateway = ClawgateGateway.start(new SettingsLoader(env).load());
        GatewayClient client = GatewayClient.connect(gateway.url(), ConnectOptions.operator("t0k3n"))) {
      JsonNode done = client.callExpectFinal("agent", Map.of("message", "anyone there?", "idempotencyKey",
          GatewayClient.newIdempotencyKey()), null).get(60, TimeUnit.SECONDS);

      assertThat(done.path("status").asText()).isEqualTo("error");
      assertThat(done.path("error").asText()).contains("CLAWGATE_MODEL");
      assertThat(done.path("result").path("payloads")).isEmpty();
    }
  }
}
