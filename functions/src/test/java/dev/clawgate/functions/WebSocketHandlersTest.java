package dev.clawgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.functions.local.ApiGatewayStandIn;
import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.infra.dynamo.DynamoTables;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The WebSocket handlers on events shaped as API Gateway sends them (samples in test resources), against
 * DynamoDB Local; posts go to the stand-in's management API, which answers 410 (no socket is open there).
 */
class WebSocketHandlersTest {

  private static final ObjectMapper EVENTS = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static AmazonDynamoDBLocal local;
  private static ApiGatewayStandIn standIn;
  private static AwsGateway gateway;
  private static ConnectionTable connections;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    local = DynamoDBEmbedded.create(true);
    DynamoDbClient dynamo = local.dynamoDbClient();
    Map<String, String> env = new HashMap<>();
    for (DynamoTables.Table table : DynamoTables.ALL) {
      table.create(dynamo, table.defaultName());
    }
    standIn = new ApiGatewayStandIn("prod", 0).start();
    env.put("CLAWGATE_GATEWAY_TOKEN", "handler-test-token");
    env.put("CLAWGATE_ALLOWED_ORIGINS", "https://control.example.com");
    env.put("CLAWGATE_MANAGEMENT_ENDPOINT", standIn.managementEndpoint());
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:1");
    WorkflowClient temporal = AwsGateway.temporal(env); // never contacted by these events
    gateway = AwsGateway.create(env, dynamo, temporal);
    connections = new ConnectionTable(dynamo, DynamoTables.CONNECTIONS.defaultName());
  }

  @AfterAll
  static void stop() throws Exception {
    standIn.close();
    local.shutdownNow();
  }

  private static <T> T event(String name, Class<T> type) throws Exception {
    try (InputStream in = WebSocketHandlersTest.class.getResourceAsStream("/events/" + name)) {
      return EVENTS.readValue(in, type);
    }
  }

  @Test
  void connectRecordsAChallengedConnectionWithTheBrowserOriginAndSourceIp() throws Exception {
    APIGatewayV2WebSocketEvent connect = event("connect.json", APIGatewayV2WebSocketEvent.class);
    assertThat(new ConnectHandler(gateway).handleRequest(connect, null).getStatusCode()).isEqualTo(200);
    ConnectionState state = connections.find("Uq9XzdIsjoECJxA=").orElseThrow();
    assertThat(state.phase()).isEqualTo(ConnectionState.Phase.AWAITING_CONNECT);
    assertThat(state.nonce()).hasSizeGreaterThan(20);
    assertThat(state.origin()).isEqualTo("https://control.example.com");
    assertThat(state.remoteAddress()).isEqualTo("203.0.113.7");
  }

  @Test
  void defaultWithAConnectFrameStoresTheGrantedScopesAndDisconnectForgetsTheConnection() throws Exception {
    APIGatewayV2WebSocketEvent connect = event("connect.json", APIGatewayV2WebSocketEvent.class);
    connect.getRequestContext().setConnectionId("handshake-1");
    connect.getHeaders().remove("Origin");
    new ConnectHandler(gateway).handleRequest(connect, null);

    APIGatewayV2WebSocketEvent frame = event("default-connect.json", APIGatewayV2WebSocketEvent.class);
    frame.getRequestContext().setConnectionId("handshake-1");
    assertThat(new DefaultHandler(gateway).handleRequest(frame, null).getStatusCode()).isEqualTo(200);
    ConnectionState state = connections.find("handshake-1").orElseThrow();
    assertThat(state.phase()).isEqualTo(ConnectionState.Phase.CONNECTED);
    assertThat(state.scopes()).contains("operator.read");
    assertThat(state.clientId()).isEqualTo("cli");

    APIGatewayV2WebSocketEvent disconnect = event("disconnect.json", APIGatewayV2WebSocketEvent.class);
    disconnect.getRequestContext().setConnectionId("handshake-1");
    new DisconnectHandler(gateway).handleRequest(disconnect, null);
    assertThat(connections.find("handshake-1")).isEmpty();
  }

  @Test
  void aFirstFrameThatIsNotConnectClosesTheConnectionAndForgetsIt() throws Exception {
    APIGatewayV2WebSocketEvent connect = event("connect.json", APIGatewayV2WebSocketEvent.class);
    connect.getRequestContext().setConnectionId("not-connect-1");
    new ConnectHandler(gateway).handleRequest(connect, null);
    APIGatewayV2WebSocketEvent frame = event("default-connect.json", APIGatewayV2WebSocketEvent.class);
    frame.getRequestContext().setConnectionId("not-connect-1");
    frame.setBody("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}");
    new DefaultHandler(gateway).handleRequest(frame, null);
    assertThat(connections.find("not-connect-1")).isEmpty();
  }

  @Test
  void aFrameFromAnUnknownConnectionIsAnswered410() throws Exception {
    APIGatewayV2WebSocketEvent frame = event("default-connect.json", APIGatewayV2WebSocketEvent.class);
    frame.getRequestContext().setConnectionId("never-connected");
    assertThat(new DefaultHandler(gateway).handleRequest(frame, null).getStatusCode()).isEqualTo(410);
  }

  @Test
  void eventCountersIncreaseAndStopOnceTheConnectionIsGone() {
    connections.create(ConnectionState.opened("seq-1", "127.0.0.1", null, false), standIn.managementEndpoint());
    assertThat(connections.nextEventSeq("seq-1")).contains(1L);
    assertThat(connections.nextEventSeq("seq-1")).contains(2L);
    connections.delete("seq-1");
    assertThat(connections.nextEventSeq("seq-1")).isEmpty();
  }
}
