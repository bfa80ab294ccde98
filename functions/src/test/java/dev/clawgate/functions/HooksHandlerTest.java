package dev.clawgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clawgate.functions.local.AwsStandInStack;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.session.QueuePolicy;
import dev.clawgate.session.RunState;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import dev.clawgate.stubmodel.StubModelServer;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook function on HTTP API (payload 2.0) events shaped as API Gateway sends them (samples in test
 * resources), over the whole AWS stack on one machine: DynamoDB Local, the Temporal test server and a session
 * worker with the stub model, so an accepted hook really reaches a session and runs.
 */
class HooksHandlerTest {

  private static final String HOOKS_TOKEN = "hooks-token-" + UUID.randomUUID();
  private static final ObjectMapper EVENTS = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static StubModelServer model;
  private static AwsStandInStack stack;
  private static WorkflowClient temporal;
  private static HooksHandler hooks;

  @BeforeAll
  static void start() throws Exception {
    model = StubModelServer.start();
    stack = AwsStandInStack.start(null, model.baseUrl(), 0);
    Map<String, String> env = new HashMap<>(stack.env);
    env.put("CLAWGATE_HOOKS_TOKEN", HOOKS_TOKEN);
    temporal = AwsGateway.temporal(env);
    hooks = new HooksHandler(AwsGateway.create(env, stack.dynamo, temporal));
  }

  @AfterAll
  static void stop() {
    if (temporal != null) {
      temporal.getWorkflowServiceStubs().shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private static APIGatewayV2HTTPEvent event(String name) throws Exception {
    try (InputStream in = HooksHandlerTest.class.getResourceAsStream("/events/" + name)) {
      APIGatewayV2HTTPEvent event = EVENTS.readValue(in, APIGatewayV2HTTPEvent.class);
      event.getHeaders().computeIfPresent("authorization", (k, v) -> "Bearer " + HOOKS_TOKEN);
      event.getHeaders().computeIfPresent("x-clawgate-token", (k, v) -> HOOKS_TOKEN);
      event.getHeaders().computeIfPresent("idempotency-key", (k, v) -> "hook-" + UUID.randomUUID());
      return event;
    }
  }

  private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    return FrameCodec.JSON.readTree(response.getBody());
  }

  @Test
  void anAgentHookWithTheRightTokenRunsATurnInItsSessionAndAnswersTheOutcome() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    APIGatewayV2HTTPResponse response = hooks.handleRequest(request, null);
    JsonNode answer = body(response);
    assertThat(response.getStatusCode()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.path("ok").asBoolean()).isTrue();
    assertThat(answer.path("runId").asText()).isEqualTo(request.getHeaders().get("idempotency-key"));
    assertThat(answer.path("sessionKey").asText()).isEqualTo("agent:main:hook:test");
    assertThat(answer.path("completion").path("status").asText()).isEqualTo("ok");
    assertThat(answer.path("completion").path("text").asText()).isEqualTo("echo: hello from a webhook");
  }

  @Test
  void aWakeHookWithABase64BodyAndLowerCaseHeadersIsQueuedAndRunsInTheMainSession() throws Exception {
    APIGatewayV2HTTPResponse response = hooks.handleRequest(event("hooks-wake-base64.json"), null);
    JsonNode answer = body(response);
    assertThat(response.getStatusCode()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.path("eventOutcome").asText()).isEqualTo("queued");
    assertThat(answer.path("sessionKey").asText()).isEqualTo(SessionKey.main("main", "main").value());

    SessionClient sessions = new SessionClient(temporal, stack.env.get("CLAWGATE_TASK_QUEUE"), QueuePolicy.DEFAULTS);
    SessionKey key = new SessionKey(answer.path("sessionKey").asText());
    long deadline = System.nanoTime() + 30_000_000_000L;
    RunState state = sessions.runState(key, answer.path("runId").asText());
    while (!state.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      state = sessions.runState(key, answer.path("runId").asText());
    }
    assertThat(state.isDone()).as("the wake's run ended").isTrue();
    assertThat(state.outcome().text()).contains("build finished");
  }

  @Test
  void aWrongTokenIsAnswered401() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.getHeaders().put("authorization", "Bearer not-the-hooks-token");
    APIGatewayV2HTTPResponse response = hooks.handleRequest(request, null);
    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("unauthorized");
  }

  @Test
  void theGatewayTokenIsNotAHooksToken() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.getHeaders().put("authorization", "Bearer " + AwsStandInStack.TOKEN);
    assertThat(hooks.handleRequest(request, null).getStatusCode()).isEqualTo(401);
  }

  @Test
  void aBodyThatIsNotJsonIsAnswered400NamingTheBody() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.setBody("{\"message\": ");
    APIGatewayV2HTTPResponse response = hooks.handleRequest(request, null);
    JsonNode answer = body(response);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(answer.path("error").path("code").asText()).isEqualTo("invalid_request");
    assertThat(answer.path("error").path("field").asText()).isEqualTo("body");
  }

  @Test
  void anUnknownHookIsAnswered404() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.setRawPath("/hooks/no-such-hook");
    request.getRequestContext().getHttp().setPath("/hooks/no-such-hook");
    APIGatewayV2HTTPResponse response = hooks.handleRequest(request, null);
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("not_found");
  }

  @Test
  void aTokenInTheQueryIsRefusedBeforeAnythingElse() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.setRawQueryString("token=" + HOOKS_TOKEN);
    APIGatewayV2HTTPResponse response = hooks.handleRequest(request, null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("token_in_query");
  }

  @Test
  void aNonJsonContentTypeIsAnswered415() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.getHeaders().put("content-type", "text/plain");
    assertThat(hooks.handleRequest(request, null).getStatusCode()).isEqualTo(415);
  }

  @Test
  void aNamedStagePrefixIsNotPartOfTheHookPath() throws Exception {
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.getRequestContext().setStage("prod");
    request.setRawPath("/prod/hooks/agent");
    assertThat(HooksHandler.request(request).path()).isEqualTo("/hooks/agent");
  }

  @Test
  void withoutAHooksTokenWebhooksAreOffAndAnswer404() throws Exception {
    Map<String, String> env = new HashMap<>(stack.env);
    env.remove("CLAWGATE_HOOKS_TOKEN");
    HooksHandler off = new HooksHandler(AwsGateway.create(env, stack.dynamo, temporal));
    APIGatewayV2HTTPResponse response = off.handleRequest(event("hooks-agent.json"), null);
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(body(response).path("error").path("message").asText()).contains("webhooks are off");
  }

  @Test
  void aHooksTokenEqualToTheGatewayTokenIsRefusedWith503AndNoHookRuns() throws Exception {
    Map<String, String> env = new HashMap<>(stack.env);
    env.put("CLAWGATE_HOOKS_TOKEN", AwsStandInStack.TOKEN);
    HooksHandler same = new HooksHandler(AwsGateway.create(env, stack.dynamo, temporal));
    APIGatewayV2HTTPEvent request = event("hooks-agent.json");
    request.getHeaders().put("authorization", "Bearer " + AwsStandInStack.TOKEN);
    APIGatewayV2HTTPResponse response = same.handleRequest(request, null);
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getBody()).doesNotContain(AwsStandInStack.TOKEN);
  }
}
