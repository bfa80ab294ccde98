package dev.clawgate.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.functions.AwsGateway;
import dev.clawgate.functions.apigw.PendingResponseTable;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.stubmodel.StubModelServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS mode end to end on this machine: a Java gateway client through the API Gateway stand-in, the real Lambda
 * handlers, DynamoDB Local, the Temporal test server, and a worker streaming back through the management API.
 */
class AwsStandInEndToEndTest {

  private static StubModelServer model;
  private static AwsStandInStack stack;

  @BeforeAll
  static void start() throws Exception {
    model = StubModelServer.start();
    stack = AwsStandInStack.start(null, model.baseUrl(), 0);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private static GatewayClient connect() throws Exception {
    return GatewayClient.connect(URI.create(stack.url()), ConnectOptions.operator(AwsStandInStack.TOKEN));
  }

  @Test
  void clientGetsChallengeAndHelloOkAdvertisingTheApiGatewayMessageLimit() throws Exception {
    try (GatewayClient client = connect()) {
      JsonNode hello = client.hello();
      assertThat(hello.path("type").asText()).isEqualTo("hello-ok");
      assertThat(hello.path("policy").path("maxPayload").asInt()).isEqualTo(AwsGateway.MAX_PAYLOAD);
      assertThat(hello.path("auth").path("scopes").toString()).contains("operator.read");
    }
  }

  @Test
  void healthAnswersThroughTheStandIn() throws Exception {
    try (GatewayClient client = connect()) {
      JsonNode health = client.call("health", Map.of()).get(30, TimeUnit.SECONDS);
      assertThat(health.path("ok").asBoolean()).isTrue();
      assertThat(health.path("defaultAgentId").asText()).isEqualTo("main");
    }
  }

  @Test
  void agentTurnStreamsEventsAndReturnsTheFinalReply() throws Exception {
    try (GatewayClient client = connect()) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      client.onEvent(events::add);
      List<JsonNode> accepted = new CopyOnWriteArrayList<>();
      JsonNode done = client.callExpectFinal("agent", Map.of("message", "hello lambda", "agentId", "main",
          "idempotencyKey", GatewayClient.newIdempotencyKey()), accepted::add).get(60, TimeUnit.SECONDS);
      assertThat(done.path("status").asText()).isEqualTo("ok");
      assertThat(done.path("result").path("payloads").path(0).path("text").asText()).isEqualTo("echo: hello lambda");
      assertThat(accepted).extracting(a -> a.path("status").asText()).containsExactly("accepted");
      assertThat(events).anySatisfy(e -> assertThat(e.path("event").asText()).isEqualTo("agent"));
      List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void runWhoseClientLeftBeforeTheFinalStillCompletesAndLeavesNoPendingRecord() throws Exception {
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient client = connect()) {
      client.callExpectFinal("agent", Map.of("message", "#slow 1500 bye", "agentId", "main",
          "idempotencyKey", runId), accepted -> { });
      PendingResponseTable pending = new PendingResponseTable(stack.dynamo,
          DynamoTables.PENDING_RESPONSES.nameIn(stack.env));
      long deadline = System.currentTimeMillis() + 20_000;
      while (pending.forRun(runId).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(pending.forRun(runId)).hasSize(1);
    }
    // The client is gone; the run goes on, and a new client asks for its outcome.
    try (GatewayClient again = connect()) {
      JsonNode waited = again.call("agent.wait", Map.of("runId", runId, "timeoutMs", 20_000))
          .get(30, TimeUnit.SECONDS);
      assertThat(waited.path("status").asText()).isEqualTo("ok");
    }
    PendingResponseTable pending = new PendingResponseTable(stack.dynamo,
        DynamoTables.PENDING_RESPONSES.nameIn(stack.env));
    long deadline = System.currentTimeMillis() + 20_000;
    while (!pending.forRun(runId).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(pending.forRun(runId)).isEmpty();
  }
}
