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

  private static final long OTHER_ANSWER_WITHIN_MS = 4_000;

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
    // A short answer window, so waiting past it takes seconds in this test rather than the default 25.
    env.put("CLAWGATE_ANSWER_WITHIN_MS", String.valueOf(OTHER_ANSWER_WITHIN_MS));
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
      JsonNode accepted = first.call("agent", Map.of("message", "#slow 300 elsewhere", "agentId", "main",
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

  @Test
  void agentWaitLongerThanTheFunctionCanWaitAnswersTimeoutInsteadOfAnError() throws Exception {
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient client = GatewayClient.connect(URI.create(otherStandIn.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN))) {
      client.call("agent", Map.of("message", "#slow 15000 a long one", "agentId", "main",
          "sessionKey", "agent:main:long", "idempotencyKey", runId)).get(30, TimeUnit.SECONDS);

      // Asked to wait 30 s on a front that can hold a request 4 s: a "timeout" answer (wait again), not UNAVAILABLE.
      JsonNode waited = client.call("agent.wait", Map.of("runId", runId, "timeoutMs", 30_000))
          .get(30, TimeUnit.SECONDS);

      assertThat(waited.path("runId").asText()).isEqualTo(runId);
      assertThat(waited.path("status").asText()).isEqualTo("timeout");
    }
  }

  @Test
  void agentWaitOnAFrontWithoutRunEventsHearsOfTheEndWithinSeconds() throws Exception {
    String runId = GatewayClient.newIdempotencyKey();
    try (GatewayClient client = GatewayClient.connect(URI.create(otherStandIn.url()),
        ConnectOptions.operator(AwsStandInStack.TOKEN))) {
      client.call("agent", Map.of("message", "#slow 300 short", "agentId", "main",
          "sessionKey", "agent:main:short", "idempotencyKey", runId)).get(30, TimeUnit.SECONDS);

      // A Lambda never sees the run's events; its poll must find the end well before the 5 s the self-hosted
      // safety net first looks again, so a wait of 3.5 s sees the run finish.
      JsonNode waited = client.call("agent.wait", Map.of("runId", runId, "timeoutMs", 3_500))
          .get(30, TimeUnit.SECONDS);

      assertThat(waited.path("status").asText()).isEqualTo("ok");
    }
  }
}
