package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The endpoint override is the SDK's own: {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL} in the
 * environment, or the system properties {@code aws.endpointUrlDynamoDb} / {@code aws.endpointUrl} the SDK reads
 * first. A test cannot set its own process's environment, so these use the system properties; the SDK resolves
 * both through the same setting.
 */
class DynamoClientsTest {

  private static final List<String> PROPERTIES = List.of(
      "aws.endpointUrlDynamoDb", "aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey",
      "aws.containerCredentialsFullUri", "aws.containerAuthorizationToken");

  private HttpServer server;
  private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakeDynamo() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/credentials", exchange -> {
      requests.add(Map.copyOf(exchange.getRequestHeaders()));
      byte[] body = ("{\"AccessKeyId\":\"AKIDFROMCONTAINER\",\"SecretAccessKey\":\"secret\","
          + "\"Token\":\"session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/", exchange -> {
      requests.add(Map.copyOf(exchange.getRequestHeaders()));
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"TableNames\":[\"from-the-fake\"]}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void theDynamoDbSpecificEndpointSettingRedirectsTheClient() {
    System.setProperty("aws.endpointUrlDynamoDb", endpoint());

    try (DynamoDbClient client = DynamoClients.create(Map.of("AWS_REGION", "eu-west-1"))) {
      assertThat(client.listTables().tableNames()).containsExactly("from-the-fake");
    }

    assertThat(requests).singleElement().satisfies(headers -> {
      assertThat(headers.get("X-amz-target")).containsExactly("DynamoDB_20120810.ListTables");
      // Signed for the region given, not one looked up elsewhere.
      assertThat(headers.get("Authorization").get(0)).contains("/eu-west-1/dynamodb/");
    });
  }

  @Test
  void theGeneralEndpointSettingRedirectsTheClientToo() {
    System.setProperty("aws.endpointUrl", endpoint());

    try (DynamoDbClient client = DynamoClients.create(Map.of())) {
      assertThat(client.listTables().tableNames()).containsExactly("from-the-fake");
    }

    assertThat(requests).singleElement()
        .satisfies(headers -> assertThat(headers.get("Authorization").get(0)).contains("/us-east-1/dynamodb/"));
  }

  @Test
  void requestsGoThroughTheUrlConnectionHttpClient() {
    System.setProperty("aws.endpointUrlDynamoDb", endpoint());

    try (DynamoDbClient client = DynamoClients.create(Map.of())) {
      client.listTables();
    }

    assertThat(requests).singleElement()
        .satisfies(headers -> assertThat(headers.get("User-agent").get(0)).contains("UrlConnection"));
  }

  @Test
  void underSnapStartTheClientSignsWithTheRuntimesContainerCredentials() {
    // What Lambda sets for a SnapStart function: no access-key variables, a local credentials endpoint instead.
    // The SDK's container provider reads the endpoint and token from the environment or these properties.
    String credentials = endpoint() + "/credentials";
    System.setProperty("aws.containerCredentialsFullUri", credentials);
    System.setProperty("aws.containerAuthorizationToken", "runtime-token");
    System.setProperty("aws.endpointUrlDynamoDb", endpoint());
    Map<String, String> lambda = Map.of("AWS_LAMBDA_FUNCTION_NAME", "clawgate-DefaultFunction",
        "AWS_REGION", "eu-west-1", "AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials);

    try (DynamoDbClient client = DynamoClients.create(lambda)) {
      assertThat(client.listTables().tableNames()).containsExactly("from-the-fake");
    }

    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("Authorization")).containsExactly("runtime-token");
    assertThat(requests.get(1).get("Authorization").get(0)).contains("Credential=AKIDFROMCONTAINER/");
  }

  @Test
  void theRegionComesFromAwsRegionAndDefaultsToUsEast1() {
    assertThat(DynamoClients.region(Map.of("AWS_REGION", "eu-central-1"))).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(DynamoClients.region(Map.of())).isEqualTo(Region.US_EAST_1);
    assertThat(DynamoClients.region(Map.of("AWS_REGION", " "))).isEqualTo(Region.US_EAST_1);
  }

  private String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
