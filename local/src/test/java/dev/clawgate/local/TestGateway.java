package dev.clawgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.stubmodel.StubModelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real gateway for integration tests: the production wiring ({@link ClawgateGateway}) on a free loopback
 * port, the in-process Temporal test server, disk stores in a temp folder, and the stub model over HTTP.
 * Only the model is a stand-in.
 */
final class TestGateway implements AutoCloseable {

  static final String TOKEN = "test-token-" + Long.toHexString(System.nanoTime());

  final StubModelServer model;
  final ClawgateGateway gateway;
  final Path stateDir;

  private TestGateway(StubModelServer model, ClawgateGateway gateway, Path stateDir) {
    this.model = model;
    this.gateway = gateway;
    this.stateDir = stateDir;
  }

  static TestGateway start(Path stateDir) throws Exception {
    return start(stateDir, Map.of());
  }

  /** With more environment, e.g. {@code CLAWGATE_HOOKS_TOKEN}; a {@code clawgate.json} in stateDir is read too. */
  static TestGateway start(Path stateDir, Map<String, String> extraEnv) throws Exception {
    StubModelServer model = StubModelServer.start();
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("CLAWGATE_STATE_DIR", stateDir.toString());
    env.put("CLAWGATE_PORT", "0");
    env.put("CLAWGATE_GATEWAY_TOKEN", TOKEN);
    env.put("CLAWGATE_MODEL", "openai:stub");
    env.put("OPENAI_BASE_URL", model.baseUrl());
    env.put("OPENAI_API_KEY", "stub");
    env.put("CLAWGATE_TASK_QUEUE", "test-" + System.nanoTime());
    try {
      return new TestGateway(model, ClawgateGateway.start(new SettingsLoader(env).load()), stateDir);
    } catch (Exception e) {
      model.close();
      throw e;
    }
  }

  GatewayClient connect() throws IOException {
    return GatewayClient.connect(gateway.url(), ConnectOptions.operator(TOKEN));
  }

  Path workspace() {
    return stateDir.resolve("agents").resolve("main").resolve("workspace");
  }

  static String finalText(JsonNode agentFinal) {
    return agentFinal.path("result").path("payloads").path(0).path("text").asText();
  }

  @Override
  public void close() {
    gateway.close();
    model.close();
  }
}
