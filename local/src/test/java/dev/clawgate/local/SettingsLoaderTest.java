package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @TempDir
  Path stateDir;

  private Settings load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CLAWGATE_STATE_DIR", stateDir.toString());
    return new SettingsLoader(env).load();
  }

  private void writeConfig(String json) throws Exception {
    Files.writeString(stateDir.resolve("clawgate.json"), json);
  }

  @Test
  void defaultsBindLoopbackOnTheOpenClawPortWithTheEmbeddedTemporal() {
    Settings settings = load(Map.of());

    assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(18789);
    assertThat(settings.embeddedTemporal()).isTrue();
    assertThat(settings.model()).isNull();
    assertThat(settings.agents().defaultId()).isEqualTo("main");
    assertThat(settings.defaultAgent().workspace()).isEqualTo(stateDir.resolve("agents/main/workspace"));
  }

  @Test
  void generatedTokenIsStoredOwnerOnlyAndReusedAndNeverPrinted() throws Exception {
    Settings first = load(Map.of());
    Path file = stateDir.resolve("gateway.token");

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(first.token()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(load(Map.of()).token()).isEqualTo(first.token());
    assertThat(first.toString()).doesNotContain(first.token());
    assertThat(first.tokenSource()).isEqualTo(file.toString());
  }

  @Test
  void environmentOverridesTheConfigFile() throws Exception {
    writeConfig("{\"gateway\":{\"port\":1234,\"auth\":{\"token\":\"from-file\"}},\"model\":\"ollama:llama3.2\","
        + "\"temporal\":{\"address\":\"10.0.0.1:7233\"}}");

    Settings fileOnly = load(Map.of());
    Settings overridden = load(Map.of("CLAWGATE_PORT", "4321", "CLAWGATE_GATEWAY_TOKEN", "from-env",
        "CLAWGATE_MODEL", "openai:gpt-4.1-mini", "OPENAI_API_KEY", "sk-test", "TEMPORAL_ADDRESS", "127.0.0.1:7233"));

    assertThat(fileOnly.port()).isEqualTo(1234);
    assertThat(fileOnly.token()).isEqualTo("from-file");
    assertThat(fileOnly.model().label()).isEqualTo("ollama:llama3.2");
    assertThat(overridden.port()).isEqualTo(4321);
    assertThat(overridden.token()).isEqualTo("from-env");
    assertThat(overridden.model().label()).isEqualTo("openai:gpt-4.1-mini");
    assertThat(overridden.model().apiKey()).isEqualTo("sk-test");
    assertThat(overridden.model().toString()).doesNotContain("sk-test");
    assertThat(overridden.temporalAddress()).isEqualTo("127.0.0.1:7233");
  }

  @Test
  void unknownConfigKeyIsRefusedByName() throws Exception {
    writeConfig("{\"gateway\":{\"prot\":1234}}");
    assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'gateway.prot'");
  }

  @Test
  void malformedJsonIsRefusedNamingTheFile() throws Exception {
    writeConfig("{\"gateway\": ");
    assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("clawgate.json").hasMessageContaining("not valid JSON");
  }

  @Test
  void wrongTypeIsRefusedNamingTheKey() throws Exception {
    writeConfig("{\"gateway\":{\"port\":\"eighty\"}}");
    assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.port");
  }

  @Test
  void badValuesAreRefusedWithTheFix() {
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_PORT", "99999"))).hasMessageContaining("CLAWGATE_PORT");
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_PORT", "abc"))).hasMessageContaining("CLAWGATE_PORT");
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_BIND", "everywhere"))).hasMessageContaining("loopback, lan");
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_MODEL", "gpt-4"))).hasMessageContaining("provider:model");
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_MODEL", "acme:x"))).hasMessageContaining("unknown model provider");
  }

  @Test
  void lanBindMeansAllInterfaces() {
    assertThat(load(Map.of("CLAWGATE_BIND", "lan")).bindHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void allowedOriginsComeFromTheConfigFileAndDefaultToNone() throws Exception {
    assertThat(load(Map.of()).allowedOrigins()).isEmpty();

    writeConfig("{\"gateway\":{\"allowedOrigins\":[\"https://control.example.com\", \"*\"]}}");

    assertThat(load(Map.of()).allowedOrigins()).containsExactly("https://control.example.com", "*");
  }

  @Test
  void anAllowedOriginThatIsNotAnOriginIsRefusedNamingTheEntry() throws Exception {
    writeConfig("{\"gateway\":{\"allowedOrigins\":[\"https://ok.example\", \"ok.example/app\"]}}");

    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.allowedOrigins[1]")
        .hasMessageContaining("ok.example/app");
  }

  @Test
  void webhooksAreOffWithoutATokenAndOnWithTheDefaultsWithOne() throws Exception {
    assertThat(load(Map.of()).hooks().enabled()).isFalse();

    Settings on = load(Map.of("CLAWGATE_HOOKS_TOKEN", "hook-secret"));
    assertThat(on.hooks().enabled()).isTrue();
    assertThat(on.hooks().token().matches("hook-secret")).isTrue();
    assertThat(on.hooks().maxBodyBytes()).isEqualTo(256 * 1024);
    assertThat(on.hooks().allowedSessionKeyPrefixes()).containsExactly("hook:");
    assertThat(on.toString()).doesNotContain("hook-secret");
  }

  @Test
  void aHooksTokenEqualToTheGatewayTokenRefusesToStart() throws Exception {
    assertThatThrownBy(() -> load(Map.of("CLAWGATE_GATEWAY_TOKEN", "same-secret", "CLAWGATE_HOOKS_TOKEN",
        "same-secret"))).isInstanceOf(ConfigException.class).hasMessageContaining("must differ from the gateway token");

    writeConfig("{\"gateway\":{\"auth\":{\"token\":\"same\"}},\"hooks\":{\"token\":\"same\"}}");
    assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("hooks.token");
  }

  @Test
  void hookMappingsAreCheckedNamingTheKey() throws Exception {
    writeConfig("{\"hooks\":{\"token\":\"t\",\"mappings\":[{\"name\":\"agent\",\"messageTemplate\":\"x\"}]}}");
    assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("hooks.mappings[0].name");

    writeConfig("{\"hooks\":{\"token\":\"t\",\"mappings\":[{\"name\":\"gh\"}]}}");
    assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("hooks.mappings[0].messageTemplate");

    writeConfig("{\"hooks\":{\"token\":\"t\",\"maxBodyBytes\":0}}");
    assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("hooks.maxBodyBytes");

    writeConfig("{\"hooks\":{\"token\":\"t\",\"allowedSessionKeyPrefixes\":[\"agent:main:\"]}}");
    assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("hooks.allowedSessionKeyPrefixes[0]");
  }

  @Test
  void temporalApiKeyFromTheEnvironmentTurnsTlsOnAndStaysOutOfToStringAndConfigGet() {
    Settings settings = load(Map.of("TEMPORAL_ADDRESS", "ns.acct.tmprl.cloud:7233", "TEMPORAL_NAMESPACE", "ns.acct",
        "TEMPORAL_API_KEY", "temporal-key-123"));
    assertThat(settings.temporal().tls()).isTrue();
    assertThat(settings.temporal().apiKey()).isEqualTo("temporal-key-123");
    assertThat(settings.temporal().namespace()).isEqualTo("ns.acct");
    assertThat(settings.toString()).doesNotContain("temporal-key-123").contains("API key");
    assertThat(settings.redactedView().toString()).doesNotContain("temporal-key-123");
  }

  @Test
  void temporalCredentialsWithoutAnAddressAreRefused() {
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_API_KEY", "temporal-key-123")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TEMPORAL_ADDRESS");
  }

  @Test
  void aTemporalClientKeyWithoutItsCertificateIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> load(Map.of("TEMPORAL_ADDRESS", "temporal.home:7233",
        "TEMPORAL_TLS_CLIENT_KEY_DATA", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TEMPORAL_TLS_CLIENT_CERT_PATH");
  }

  @Test
  void withoutATemporalAddressTheEmbeddedServerIsUsed() {
    Settings settings = load(Map.of());
    assertThat(settings.embeddedTemporal()).isTrue();
    assertThat(settings.temporal()).isNull();
    assertThat(settings.temporalNamespace()).isEqualTo("default");
  }
}
