package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.FrameCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate bench} run in-process against a real gateway with the stub model, in small sizes. */
class BenchTest {

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
  void allScenariosRunCleanAndEndWithOneJsonLineOfFigures() throws Exception {
    CliRun run = CliRun.against(gateway, "bench", "--sessions", "3", "--turns", "3", "--burst", "5",
        "--clients", "5", "--warmup", "2", "--max-seconds", "120", "--progress-ms", "100");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode report = FrameCodec.JSON.readTree(run.lastLine());
    assertThat(report.path("clean").asBoolean()).isTrue();
    JsonNode scenarios = report.path("scenarios");
    assertThat(scenarios.fieldNames()).toIterable().containsExactly("sequential", "concurrent", "burst", "storm");

    assertTurns(scenarios.path("sequential"), 3);
    assertTurns(scenarios.path("concurrent"), 9);
    assertTurns(scenarios.path("burst"), 5);
    assertThat(scenarios.path("burst").path("orderBasis").asText()).isEqualTo("queueSeq");

    JsonNode storm = scenarios.path("storm");
    assertThat(storm.path("connected").asInt()).isEqualTo(5);
    assertThat(storm.path("errors").asInt()).isZero();
    assertOrdered(storm.path("handshakeMs"));

    assertThat(run.outLines()).filteredOn(line -> !line.startsWith("{")).hasSize(4);
    assertThat(run.err()).contains("clawgate bench against " + gateway.gateway.url());
  }

  @Test
  void overheadIsLatencyMinusTheGivenModelDelay() throws Exception {
    CliRun run = CliRun.against(gateway, "bench", "--scenario", "sequential", "--turns", "3", "--warmup", "0",
        "--model-delay-ms", "2");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode sequential = FrameCodec.JSON.readTree(run.lastLine()).path("scenarios").path("sequential");
    assertThat(sequential.path("overheadMs").path("p50").asDouble())
        .isCloseTo(sequential.path("latencyMs").path("p50").asDouble() - 2, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(FrameCodec.JSON.readTree(run.lastLine()).path("modelDelayMs").asLong()).isEqualTo(2);
  }

  @Test
  void maxSecondsStopsTheRunAndReportsWhatFinished() throws Exception {
    CliRun run = CliRun.against(gateway, "bench", "--scenario", "sequential", "--turns", "100000", "--warmup", "0",
        "--max-seconds", "2");

    assertThat(run.exitCode()).as("cut off by the deadline is not a clean run").isEqualTo(1);
    JsonNode report = FrameCodec.JSON.readTree(run.lastLine());
    JsonNode sequential = report.path("scenarios").path("sequential");
    assertThat(report.path("stoppedByDeadline").asBoolean()).isTrue();
    assertThat(sequential.path("turns").asInt()).isPositive();
    assertThat(sequential.path("unfinished").asInt()).isEqualTo(100_000 - sequential.path("turns").asInt());
    assertThat(sequential.path("errors").asInt()).isZero();
    assertThat(sequential.path("durationMs").asDouble()).isLessThan(5_000);
  }

  @Test
  void anUnknownScenarioIsAUsageError() {
    CliRun run = CliRun.against(gateway, "bench", "--scenario", "sequential,marathon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scenario: unknown scenario 'marathon'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noGatewayListeningIsOneClearLine() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    CliRun run = CliRun.of("bench", "--url", "ws://127.0.0.1:" + port, "--token", "x");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("clawgate bench: cannot connect to ws://127.0.0.1:" + port
        + "/: is the gateway running? (./clawgate gateway)" + System.lineSeparator());
  }

  private static void assertTurns(JsonNode scenario, int expected) {
    assertThat(scenario.path("planned").asInt()).isEqualTo(expected);
    assertThat(scenario.path("turns").asInt()).isEqualTo(expected);
    assertThat(scenario.path("errors").asInt()).isZero();
    assertThat(scenario.path("unfinished").asInt()).isZero();
    assertThat(scenario.path("orderingViolations").asInt()).isZero();
    assertThat(scenario.path("throughputPerSec").asDouble()).isPositive();
    assertOrdered(scenario.path("latencyMs"));
  }

  private static void assertOrdered(JsonNode ms) {
    double p50 = ms.path("p50").asDouble();
    double p95 = ms.path("p95").asDouble();
    double p99 = ms.path("p99").asDouble();
    double max = ms.path("max").asDouble();
    assertThat(p50).isPositive();
    assertThat(p50).isLessThanOrEqualTo(p95);
    assertThat(p95).isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(max);
  }
}
