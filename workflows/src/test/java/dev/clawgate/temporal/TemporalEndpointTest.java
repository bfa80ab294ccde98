package dev.clawgate.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing Temporal's environment variables and the AWS credentials JSON, and the gRPC options built from them.
 * The certificate and key in test resources are a throwaway self-signed pair made for this test.
 */
class TemporalEndpointTest {

  @TempDir
  Path dir;

  private static String resource(String name) throws IOException {
    try (InputStream in = TemporalEndpointTest.class.getResourceAsStream("/temporal-tls/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void noCredentialsMeansPlainTextToTheGivenAddressAndNamespace() {
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(
        Map.of("TEMPORAL_ADDRESS", "temporal.home:7233", "TEMPORAL_NAMESPACE", "clawgate"), "127.0.0.1:7233");
    assertThat(endpoint.tls()).isFalse();
    assertThat(endpoint.namespace()).isEqualTo("clawgate");
    WorkflowServiceStubsOptions options = endpoint.serviceStubsOptions();
    assertThat(options.getTarget()).isEqualTo("temporal.home:7233");
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(options.getGrpcMetadataProviders()).isNullOrEmpty();
    assertThat(endpoint.clientOptions().getNamespace()).isEqualTo("clawgate");
  }

  @Test
  void missingAddressFallsBackToTheDefaultAndNamespaceToDefault() {
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(Map.of(), "127.0.0.1:7233");
    assertThat(endpoint.address()).isEqualTo("127.0.0.1:7233");
    assertThat(endpoint.namespace()).isEqualTo("default");
  }

  @Test
  void anApiKeyTurnsTlsOnAndIsSentAsABearerToken() {
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS",
        "us-east-1.aws.api.temporal.io:7233", "TEMPORAL_NAMESPACE", "ns.acct", "TEMPORAL_API_KEY", "key-123"), null);
    assertThat(endpoint.tls()).isTrue();
    WorkflowServiceStubsOptions options = endpoint.serviceStubsOptions();
    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getGrpcMetadataProviders()).hasSize(1);
    io.grpc.Metadata metadata = options.getGrpcMetadataProviders().iterator().next().getMetadata();
    assertThat(metadata.get(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("Bearer key-123");
  }

  @Test
  void aClientCertificateAndKeyFromFilesBuildAnMtlsContext() throws IOException {
    Path cert = Files.writeString(dir.resolve("client.pem"), resource("client.pem"));
    Path key = Files.writeString(dir.resolve("client.key"), resource("client.key"));
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "ns.acct.tmprl.cloud:7233",
        "TEMPORAL_TLS_CLIENT_CERT_PATH", cert.toString(), "TEMPORAL_TLS_CLIENT_KEY_PATH", key.toString()), null);
    assertThat(endpoint.tls()).isTrue();
    WorkflowServiceStubsOptions options = endpoint.serviceStubsOptions();
    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getSslContext().isClient()).isTrue();
  }

  @Test
  void aServerCaAloneGivesTlsTrustingThatCa() throws IOException {
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "temporal.home:7233",
        "TEMPORAL_TLS_SERVER_CA_CERT_DATA", resource("client.pem")), null);
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.serviceStubsOptions().getSslContext()).isNotNull();
  }

  @Test
  void tlsCanBeTurnedOnWithoutCredentials() {
    TemporalEndpoint endpoint = TemporalEndpoint.fromEnvironment(
        Map.of("TEMPORAL_ADDRESS", "temporal.home:7233", "TEMPORAL_TLS", "true"), null);
    assertThat(endpoint.serviceStubsOptions().getEnableHttps()).isTrue();
    assertThat(endpoint.serviceStubsOptions().getSslContext()).isNull();
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedNamingTheKeyVariable() throws IOException {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS_CLIENT_CERT_DATA", resource("client.pem")), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEMPORAL_TLS_CLIENT_KEY_PATH");
  }

  @Test
  void aKeyWithoutItsCertificateIsRefusedNamingTheCertificateVariable() throws IOException {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS_CLIENT_KEY_DATA", resource("client.key")), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEMPORAL_TLS_CLIENT_CERT_PATH");
  }

  @Test
  void credentialsWithTlsTurnedOffAreRefused() {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_API_KEY", "key-123", "TEMPORAL_TLS", "false"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEMPORAL_TLS=false")
        .hasMessageNotContaining("key-123");
  }

  @Test
  void anApiKeyAndACertificateTogetherAreRefused() throws IOException {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_API_KEY", "key-123", "TEMPORAL_TLS_CLIENT_CERT_DATA", resource("client.pem"),
        "TEMPORAL_TLS_CLIENT_KEY_DATA", resource("client.key")), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one of them");
  }

  @Test
  void aTraditionalRsaKeyIsRefusedWithTheConversionCommand() throws IOException {
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS_CLIENT_CERT_DATA", resource("client.pem"), "TEMPORAL_TLS_CLIENT_KEY_DATA", pkcs1), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void anUnreadableCertificateFileIsNamed() {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS_CLIENT_CERT_PATH", dir.resolve("missing.pem").toString()), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEMPORAL_TLS_CLIENT_CERT_PATH").hasMessageContaining("missing.pem");
  }

  @Test
  void pathAndDataForTheSameFileAreRefused() throws IOException {
    Map<String, String> env = new HashMap<>(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS_CLIENT_CERT_PATH", "/x.pem", "TEMPORAL_TLS_CLIENT_CERT_DATA", resource("client.pem")));
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(env, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
  }

  @Test
  void aTlsValueThatIsNotABooleanIsRefused() {
    assertThatThrownBy(() -> TemporalEndpoint.fromEnvironment(Map.of("TEMPORAL_ADDRESS", "t:7233",
        "TEMPORAL_TLS", "yes please"), null)).hasMessageContaining("TEMPORAL_TLS must be true or false");
  }

  @Test
  void anAddressWithoutAPortIsRefused() {
    assertThatThrownBy(() -> TemporalEndpoint.plain("temporal.home", "default"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
    assertThatThrownBy(() -> TemporalEndpoint.plain(null, "default")).hasMessageContaining("TEMPORAL_ADDRESS");
  }

  @Test
  void theAwsSecretWithAnApiKeyGivesTlsAndTheKey() {
    TemporalEndpoint endpoint = TemporalEndpoint.plain("ns.acct.tmprl.cloud:7233", "ns.acct")
        .withCredentialsJson("{\"apiKey\":\"key-456\"}");
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.apiKey()).isEqualTo("key-456");
    assertThat(endpoint.namespace()).isEqualTo("ns.acct");
  }

  @Test
  void theAwsSecretWithACertificatePairBuildsAnMtlsContext() throws IOException {
    String json = "{\"tlsCertPem\":" + quote(resource("client.pem")) + ",\"tlsKeyPem\":" + quote(resource("client.key"))
        + "}";
    TemporalEndpoint endpoint = TemporalEndpoint.plain("ns.acct.tmprl.cloud:7233", "ns.acct").withCredentialsJson(json);
    assertThat(endpoint.serviceStubsOptions().getSslContext()).isNotNull();
  }

  @Test
  void aSecretThatIsNotTheDocumentedJsonIsRefusedWithoutEchoingIt() {
    TemporalEndpoint base = TemporalEndpoint.plain("t:7233", "default");
    assertThatThrownBy(() -> base.withCredentialsJson("sk-plain-key-789"))
        .hasMessageContaining("not a JSON object").hasMessageNotContaining("sk-plain-key-789");
    assertThatThrownBy(() -> base.withCredentialsJson("{\"api_key\":\"sk-789\"}"))
        .hasMessageContaining("unknown key 'api_key'").hasMessageNotContaining("sk-789");
    assertThatThrownBy(() -> base.withCredentialsJson("{\"tlsCertPem\":\"-----BEGIN CERTIFICATE-----\"}"))
        .hasMessageContaining("without its private key");
    assertThatThrownBy(() -> base.withCredentialsJson("{}")).hasMessageContaining("neither apiKey");
  }

  @Test
  void toStringAndDescribeNeverShowTheKey() {
    TemporalEndpoint endpoint = TemporalEndpoint.plain("t:7233", "default").withCredentialsJson(
        "{\"apiKey\":\"key-secret-000\"}");
    assertThat(endpoint.toString()).doesNotContain("key-secret-000").contains("API key").contains("TLS");
    assertThat(endpoint.describe()).doesNotContain("key-secret-000");
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
