package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.FrameCodec;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands run in-process against a real gateway, asserting on what a user reads: stdout,
 * stderr and the exit code.
 */
class OperatorCliIntegrationTest {

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
  void healthSaysTheGatewayIsHealthyAndNamesTheDefaultAgent() {
    CliRun run = CliRun.against(gateway, "health");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Gateway " + gateway.gateway.url() + " is healthy")
        .contains("Agent main (default)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void healthJsonIsTheGatewaysPayload() throws Exception {
    CliRun run = CliRun.against(gateway, "health", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode health = FrameCodec.JSON.readTree(run.out());
    assertThat(health.path("ok").asBoolean()).isTrue();
    assertThat(health.path("defaultAgentId").asText()).isEqualTo("main");
  }

  @Test
  void statusShowsVersionTemporalModelAgentsAndSessions() {
    CliRun run = CliRun.against(gateway, "status");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("Version").contains(
        ClawgateVersion.current()));
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("Temporal").contains("not durable"));
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("Model").contains("stub"));
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("Agents").contains("main (default)"));
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line).matches("Sessions\\s+\\d+"));
  }

  @Test
  void agentStreamsTheReplyPieceByPieceThenEndsTheLine() {
    CliRun run = CliRun.against(gateway, "agent", "--message", "hello from the command line",
        "--session", "cli-agent");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("echo: hello from the command line" + System.lineSeparator());
    assertThat(run.outWrites()).as("the reply is written as its deltas arrive").hasSizeGreaterThan(3);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void agentJsonPrintsTheFinalAnswer() throws Exception {
    CliRun run = CliRun.against(gateway, "agent", "--message", "answer as json", "--session", "cli-json",
        "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode done = FrameCodec.JSON.readTree(run.out());
    assertThat(done.path("status").asText()).isEqualTo("ok");
    assertThat(done.path("result").path("payloads").path(0).path("text").asText()).isEqualTo("echo: answer as json");
  }

  @Test
  void agentRunThatDoesNotEndOkExitsOneAndSaysWhy() {
    CliRun run = CliRun.against(gateway, "agent", "--message", "#slow 4000 take your time", "--session",
        "cli-slow", "--timeout", "1s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("clawgate: the run ended with status timeout");
  }

  @Test
  void agentForAnUnknownAgentExitsOneWithTheGatewaysError() {
    CliRun run = CliRun.against(gateway, "agent", "--message", "hi", "--agent", "nobody");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("agent failed: INVALID_REQUEST (UNKNOWN_AGENT): unknown agent: nobody");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sessionsListShowsKeyUpdatedTurnsAndTokens() {
    assertThat(CliRun.against(gateway, "agent", "--message", "count me", "--session", "cli-list").exitCode())
        .isZero();

    CliRun run = CliRun.against(gateway, "sessions", "list");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines().get(0)).matches("KEY\\s+UPDATED\\s+TURNS\\s+TOKENS");
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
        .matches("agent:main:cli-list\\s+(just now|\\d+s ago)\\s+1\\s+[1-9]\\d*"));
  }

  @Test
  void sessionsListJsonIsTheGatewaysPayload() throws Exception {
    CliRun run = CliRun.against(gateway, "sessions", "list", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(FrameCodec.JSON.readTree(run.out()).path("sessions").isArray()).isTrue();
  }

  @Test
  void sessionsResetStartsTheSessionAfresh() throws Exception {
    assertThat(CliRun.against(gateway, "agent", "--message", "forget me", "--session", "cli-reset").exitCode())
        .isZero();

    CliRun reset = CliRun.against(gateway, "sessions", "reset", "cli-reset");

    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(reset.out()).contains("Session agent:main:cli-reset reset.");
    // The reset is queued in the session; poll until it has taken effect.
    long deadline = System.nanoTime() + 30_000_000_000L;
    CliRun history;
    do {
      history = CliRun.against(gateway, "chat", "history", "cli-reset");
      if (history.out().contains("No messages")) {
        break;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(history.out()).isEqualTo("No messages in agent:main:cli-reset." + System.lineSeparator());
  }

  @Test
  void chatHistoryPrintsEachMessageWithItsRole() {
    assertThat(CliRun.against(gateway, "agent", "--message", "first words", "--session", "cli-history").exitCode())
        .isZero();
    assertThat(CliRun.against(gateway, "agent", "--message", "second words", "--session", "cli-history")
        .exitCode()).isZero();

    CliRun all = CliRun.against(gateway, "chat", "history", "cli-history");
    CliRun last = CliRun.against(gateway, "chat", "history", "cli-history", "--limit", "1");

    assertThat(all.exitCode()).as(all.err()).isZero();
    List<String> spoken = new ArrayList<>();
    for (String line : all.outLines()) {
      assertThat(line).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] .*");
      spoken.add(line.substring(line.indexOf("] ") + 2));
    }
    assertThat(spoken).containsExactly("user: first words", "assistant: echo: first words", "user: second words",
        "assistant: echo: second words");
    assertThat(last.outLines()).singleElement().satisfies(line -> assertThat(line)
        .endsWith("assistant: echo: second words"));
  }

  @Test
  void callPrintsThePayloadAsPrettyJson() throws Exception {
    CliRun run = CliRun.against(gateway, "call", "agents.list");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).as("pretty-printed").hasSizeGreaterThan(3);
    assertThat(FrameCodec.JSON.readTree(run.out()).path("defaultId").asText()).isEqualTo("main");
  }

  @Test
  void callPassesParams() throws Exception {
    CliRun run = CliRun.against(gateway, "call", "chat.history", "--params", "{\"sessionKey\":\"cli-call\"}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(FrameCodec.JSON.readTree(run.out()).path("sessionKey").asText()).isEqualTo("agent:main:cli-call");
  }

  @Test
  void callOfAnUnknownMethodPrintsTheErrorJsonOnStderrAndExitsOne() throws Exception {
    CliRun run = CliRun.against(gateway, "call", "no.such.method");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    JsonNode error = FrameCodec.JSON.readTree(run.err());
    assertThat(error.path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(error.path("message").asText()).isEqualTo("unknown method: no.such.method");
  }

  @Test
  void callWithParamsThatAreNotJsonIsAUsageError() {
    CliRun run = CliRun.against(gateway, "call", "health", "--params", "{not json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("clawgate: --params is not valid JSON");
  }

  @Test
  void wrongTokenIsRefusedWithTheErrorCodeAndMessage() {
    CliRun run = CliRun.of("health", "--url", gateway.gateway.url().toString(), "--token", "not-the-token");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("refused the connection: INVALID_REQUEST (AUTH_TOKEN_MISMATCH): "
        + "unauthorized: gateway token mismatch").contains("--token");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nothingListeningSaysToStartTheGateway() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    CliRun run = CliRun.of("health", "--url", "ws://127.0.0.1:" + port, "--token", "x");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("clawgate: cannot connect to ws://127.0.0.1:" + port
        + "/: is the gateway running? (./clawgate gateway)" + System.lineSeparator());
  }
}
