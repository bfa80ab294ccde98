package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayOptionsTest {

  @TempDir
  Path stateDir;

  @Test
  void withNothingGivenItIsTheLocalGatewayOnTheDefaultPort() throws Exception {
    GatewayTarget target = new GatewayOptions().resolve(Map.of("CLAWGATE_STATE_DIR", stateDir.toString()));

    assertThat(target.url()).hasToString("ws://127.0.0.1:18789/");
    assertThat(target.token()).isNull();
  }

  @Test
  void flagsWinOverTheEnvironment() throws Exception {
    GatewayOptions options = new GatewayOptions();
    options.url = "ws://localhost:1234/";
    options.token = "from-flag";

    GatewayTarget target = options.resolve(Map.of("CLAWGATE_GATEWAY_URL", "ws://127.0.0.1:9/",
        "CLAWGATE_GATEWAY_TOKEN", "from-env", "CLAWGATE_STATE_DIR", stateDir.toString()));

    assertThat(target.url()).hasToString("ws://localhost:1234/");
    assertThat(target.token()).isEqualTo("from-flag");
  }

  @Test
  void theEnvironmentWinsOverTheTokenFile() throws Exception {
    Files.writeString(stateDir.resolve("gateway.token"), "from-file\n");

    GatewayTarget target = new GatewayOptions().resolve(Map.of("CLAWGATE_GATEWAY_URL", "ws://127.0.0.1:9",
        "CLAWGATE_GATEWAY_TOKEN", "from-env", "CLAWGATE_STATE_DIR", stateDir.toString()));

    assertThat(target.url()).hasToString("ws://127.0.0.1:9/");
    assertThat(target.token()).isEqualTo("from-env");
  }

  @Test
  void theTokenFileInTheStateDirIsReadWhenNothingElseGivesAToken() throws Exception {
    Files.writeString(stateDir.resolve("gateway.token"), "from-file\n");

    GatewayTarget target = new GatewayOptions().resolve(Map.of("CLAWGATE_STATE_DIR", stateDir.toString()));

    assertThat(target.token()).isEqualTo("from-file");
    assertThat(target.toString()).doesNotContain("from-file");
  }

  @Test
  void plainWsBeyondLoopbackIsRefusedBecauseTheTokenWouldTravelInClear() {
    assertThatThrownBy(() -> GatewayOptions.url("ws://192.168.1.20:18789"))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("refusing plain ws:// to 192.168.1.20")
        .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(CliFailure.USAGE));
  }

  @Test
  void wssIsAcceptedAnywhereAndLoopbackWsInEveryForm() throws Exception {
    assertThat(GatewayOptions.url("wss://gateway.example/ws")).hasToString("wss://gateway.example/ws");
    assertThat(GatewayOptions.url("ws://[::1]:18789")).hasToString("ws://[::1]:18789/");
    assertThat(GatewayOptions.url("ws://127.0.0.2:18789")).hasToString("ws://127.0.0.2:18789/");
  }

  @Test
  void aUrlThatIsNotAWebSocketUrlIsAUsageError() {
    assertThatThrownBy(() -> GatewayOptions.url("http://127.0.0.1:18789"))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("--url must look like ws://");
  }

  @Test
  void timeoutsAcceptMillisecondsSecondsMinutesAndBareSeconds() {
    GatewayOptions.DurationConverter converter = new GatewayOptions.DurationConverter();

    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("45")).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(CommandLine.TypeConversionException.class);
  }
}
