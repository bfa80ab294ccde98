package dev.clawgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.infra.dynamo.DynamoTables;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * {@code $connect}'s browser-origin check against {@code CLAWGATE_ALLOWED_ORIGINS}, on the {@code $connect} event
 * API Gateway sends (test resources) and DynamoDB Local: a refused upgrade is answered 403 and leaves no record.
 */
class ConnectOriginTest {

  private static final ObjectMapper EVENTS = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient dynamo;
  private static WorkflowClient temporal;
  private static ConnectionTable connections;

  @BeforeAll
  static void start() {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
    local = DynamoDBEmbedded.create(true);
    dynamo = local.dynamoDbClient();
    for (DynamoTables.Table table : List.of(DynamoTables.SESSIONS, DynamoTables.TRANSCRIPTS,
        DynamoTables.CONNECTIONS, DynamoTables.PENDING_RESPONSES)) {
      table.create(dynamo, table.defaultName());
    }
    temporal = AwsGateway.temporal(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1")); // never contacted here
    connections = new ConnectionTable(dynamo, DynamoTables.CONNECTIONS.defaultName());
  }

  @AfterAll
  static void stop() {
    temporal.getWorkflowServiceStubs().shutdownNow();
    local.shutdownNow();
  }

  private static ConnectHandler handler(String allowedOrigins) {
    Map<String, String> env = new HashMap<>();
    env.put("CLAWGATE_GATEWAY_TOKEN", "origin-test-token");
    env.put("CLAWGATE_MANAGEMENT_ENDPOINT", "http://127.0.0.1:1/prod");
    if (allowedOrigins != null) {
      env.put("CLAWGATE_ALLOWED_ORIGINS", allowedOrigins);
    }
    return new ConnectHandler(AwsGateway.create(env, dynamo, temporal));
  }

  private static APIGatewayV2WebSocketEvent connect(String connectionId, String origin) throws Exception {
    try (InputStream in = ConnectOriginTest.class.getResourceAsStream("/events/connect.json")) {
      APIGatewayV2WebSocketEvent event = EVENTS.readValue(in, APIGatewayV2WebSocketEvent.class);
      event.getRequestContext().setConnectionId(connectionId);
      event.getHeaders().remove("Origin");
      event.getMultiValueHeaders().remove("Origin");
      if (origin != null) {
        event.getHeaders().put("origin", origin);
      }
      return event;
    }
  }

  @Test
  void aListedOriginConnectsAndIsRecorded() throws Exception {
    ConnectHandler handler = handler("https://control.example.com, https://ui.example.org:8443");
    assertThat(handler.handleRequest(connect("listed-1", "https://ui.example.org:8443"), null).getStatusCode())
        .isEqualTo(200);
    assertThat(connections.find("listed-1")).isPresent();
    assertThat(handler.handleRequest(connect("listed-2", "https://CONTROL.example.com:443"), null).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void anUnlistedOriginIsAnswered403AndNotRecorded() throws Exception {
    ConnectHandler handler = handler("https://control.example.com");
    var response = handler.handleRequest(connect("unlisted-1", "https://evil.example"), null);
    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getBody()).contains("origin not allowed");
    assertThat(connections.find("unlisted-1")).isEmpty();
    // The self-hosted gateway's own loopback origins mean nothing behind API Gateway.
    assertThat(handler.handleRequest(connect("unlisted-2", "http://127.0.0.1:18789"), null).getStatusCode())
        .isEqualTo(403);
    assertThat(handler.handleRequest(connect("unlisted-3", "null"), null).getStatusCode()).isEqualTo(403);
  }

  @Test
  void aRequestWithoutOriginIsLeftToTheHandshake() throws Exception {
    assertThat(handler("").handleRequest(connect("cli-1", null), null).getStatusCode()).isEqualTo(200);
    assertThat(connections.find("cli-1")).isPresent();
  }

  @Test
  void anEmptyListRefusesEveryOrigin() throws Exception {
    assertThat(handler(null).handleRequest(connect("empty-1", "https://control.example.com"), null)
        .getStatusCode()).isEqualTo(403);
    assertThat(handler("").handleRequest(connect("empty-2", "https://control.example.com"), null)
        .getStatusCode()).isEqualTo(403);
    assertThat(connections.find("empty-1")).isEmpty();
    assertThat(connections.find("empty-2")).isEmpty();
  }

  @Test
  void aListEntryThatIsNotAnOriginIsAStartupErrorNamingIt() {
    assertThatThrownBy(() -> handler("https://ok.example,control.example.com/app"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLAWGATE_ALLOWED_ORIGINS").hasMessageContaining("control.example.com/app");
  }

  @Test
  void withoutAGatewayTokenOrItsSecretTheGatewayRefusesToStartNamingBoth() {
    assertThatThrownBy(() -> AwsGateway.create(Map.of(), dynamo, temporal))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLAWGATE_GATEWAY_TOKEN nor CLAWGATE_GATEWAY_TOKEN_SECRET_ARN");
  }
}
