package dev.clawgate.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.functions.AwsGateway;
import dev.clawgate.functions.ChallengeHandler;
import dev.clawgate.functions.ConnectHandler;
import dev.clawgate.functions.DefaultHandler;
import dev.clawgate.functions.DisconnectHandler;
import dev.clawgate.infra.dynamo.DynamoTables;
import dev.clawgate.stubmodel.StubModelServer;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Lambda instances: the stand-in stack's gateway, and a second gateway of its own (its own {@link AwsGateway},
 * handlers and API Gateway stand-in) over the same DynamoDB tables, Temporal server and worker. What one instance
 * learns from a request, another must find in DynamoDB.
 */
class AgentWaitAcrossInstancesTest {

  private static StubModelServer model;
  private static AwsStandInStack stack;
  private static ApiGatewayStandIn otherStandIn;
  private static WorkflowClient otherTemporal;

  @BeforeAll
  static void start() throws Exception {
    model = StubModelServer.start();
    stack = AwsStandInStack.start(null, model.baseUrl(), 0);
    otherStandIn = new ApiGatewayStandIn("local", 0).start();
    Map<String, String> env = new HashMap<>(stack.env);
    env.put("CLAWGATE_MANAGEMENT_ENDPOINT", otherStandIn.managementEndpoint());
    otherTemporal = AwsGateway.temporal(env);
    AwsGateway other = AwsGateway.create(env, stack.dynamo, otherTemporal);
    ChallengeHandler challenge = new ChallengeHandler(other);
    String connections = DynamoTables.CONNECTIONS.nameIn(env);
    otherStandIn.routes(new ApiGatewayStandIn.Routes(new ConnectHandler(other), new DefaultHandler(other),
        new DisconnectHandler(other)), connId -> challenge.handleRequest(
            AwsStandInStack.insertOf(stack.dynamo, connections, connId), null));
  }

  @AfterAll
  static void stop() throws Exception {
    if (otherStandIn != null) {
      otherStandIn.close();
    }
    if (otherTemporal != null) {
      otherTemporal.getWorkflowServiceStubs().shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void agentWaitByRunIdAloneOnAnotherInstanceFindsTheRunInItsSession() throws Exception {
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient first = GatewayClient.connect(URI.create(stack.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN))) {
      JsonNode accepted = first.call("agent", Map.of("message", "#slow 1000 elsewhere", "agentId", "main",
          "sessionKey", "agent:main:elsewhere", "idempotencyKey", runId)).get(30, TimeUnit.SECONDS);
      assertThat(accepted.path("status").asText()).isEqualTo("accepted");
    }

    try (GatewayClient second = GatewayClient.connect(URI.create(otherStandIn.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN))) {
      // Only the run id, no session key. Without a shared directory this instance would look for the run in the
      // default agent's main session and wait out the timeout.
      JsonNode waited = second.call("agent.wait", Map.of("runId", runId, "timeoutMs", 20_000))
          .get(30, TimeUnit.SECONDS);

      assertThat(waited.path("runId").asText()).isEqualTo(runId);
      assertThat(waited.path("status").asText()).isEqualTo("ok");
    }
  }
}
