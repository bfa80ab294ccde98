package dev.clawgate.infra.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AwsSecrets} against a loopback server that speaks Secrets Manager's JSON protocol (it stands in for AWS),
 * reached through the SDK's standard endpoint override ({@code aws.endpointUrlSecretsManager}, the system-property
 * twin of {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}).
 */
class AwsSecretsTest {

  private static final String TOKEN_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:clawgate/token-AbCdEf";
  private static final String MISSING_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-XyZ123";
  private static final String BINARY_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bin-Qwe123";

  private static HttpServer server;
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  private static final Map<String, String> saved = new java.util.HashMap<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", AwsSecretsTest::answer);
    server.start();
    for (String property : List.of("aws.endpointUrlSecretsManager", "aws.accessKeyId", "aws.secretAccessKey")) {
      saved.put(property, System.getProperty(property));
    }
    System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:" + server.getAddress().getPort());
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    saved.forEach((property, value) -> {
      if (value == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, value);
      }
    });
  }

  @BeforeEach
  void clear() {
    requests.clear();
  }

  /** GetSecretValue as Secrets Manager answers it: the secret, or a typed error. */
  private static void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    requests.add(target + " " + body);
    int status;
    String json;
    if (!"secretsmanager.GetSecretValue".equals(target)) {
      status = 400;
      json = "{\"__type\":\"UnknownOperationException\"}";
    } else if (body.contains(TOKEN_ARN)) {
      status = 200;
      json = "{\"ARN\":\"" + TOKEN_ARN + "\",\"Name\":\"clawgate/token\",\"SecretString\":\"s3cret-token-value\","
          + "\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.773310530E9}";
    } else if (body.contains(BINARY_ARN)) {
      status = 200;
      json = "{\"ARN\":\"" + BINARY_ARN + "\",\"Name\":\"bin\",\"SecretBinary\":\"AAEC\",\"VersionId\":\"v1\"}";
    } else {
      status = 400;
      json = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified "
          + "secret.\"}";
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void aPlainVariableWinsAndSecretsManagerIsNeverAsked() {
    AwsSecrets secrets = new AwsSecrets(Map.of("CLAWGATE_GATEWAY_TOKEN", "plain-token",
        "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN", TOKEN_ARN));
    assertThat(secrets.required("CLAWGATE_GATEWAY_TOKEN", "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN", "test"))
        .isEqualTo("plain-token");
    assertThat(requests).isEmpty();
  }

  @Test
  void theSecretIsFetchedByArnOnceAndKept() {
    AwsSecrets secrets = new AwsSecrets(Map.of("AWS_REGION", "eu-west-1",
        "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN", TOKEN_ARN));
    for (int i = 0; i < 3; i++) {
      assertThat(secrets.required("CLAWGATE_GATEWAY_TOKEN", "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN", "test"))
          .isEqualTo("s3cret-token-value");
    }
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0)).startsWith("secretsmanager.GetSecretValue").contains("\"SecretId\":\"" + TOKEN_ARN);
  }

  @Test
  void aMissingSecretIsAnErrorNamingTheVariableAndTheAwsError() {
    AwsSecrets secrets = new AwsSecrets(Map.of("CLAWGATE_HOOKS_TOKEN_SECRET_ARN", MISSING_ARN));
    assertThatThrownBy(() -> secrets.optional("CLAWGATE_HOOKS_TOKEN", "CLAWGATE_HOOKS_TOKEN_SECRET_ARN"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLAWGATE_HOOKS_TOKEN_SECRET_ARN")
        .hasMessageContaining("ResourceNotFoundException")
        .hasMessageContaining(MISSING_ARN);
  }

  @Test
  void aBinarySecretIsRefusedAsUnusable() {
    AwsSecrets secrets = new AwsSecrets(Map.of("CLAWGATE_TEMPORAL_SECRET_ARN", BINARY_ARN));
    assertThatThrownBy(() -> secrets.secret("CLAWGATE_TEMPORAL_SECRET_ARN"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("SecretString");
  }

  @Test
  void neitherVariableSetIsAStartupErrorNamingBoth() {
    AwsSecrets secrets = new AwsSecrets(Map.of());
    assertThat(secrets.optional("CLAWGATE_HOOKS_TOKEN", "CLAWGATE_HOOKS_TOKEN_SECRET_ARN")).isEmpty();
    assertThatThrownBy(() -> secrets.required("CLAWGATE_GATEWAY_TOKEN", "CLAWGATE_GATEWAY_TOKEN_SECRET_ARN",
        "every client needs the gateway token"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLAWGATE_GATEWAY_TOKEN nor CLAWGATE_GATEWAY_TOKEN_SECRET_ARN")
        .hasMessageContaining("every client needs the gateway token");
    assertThat(requests).isEmpty();
  }
}
