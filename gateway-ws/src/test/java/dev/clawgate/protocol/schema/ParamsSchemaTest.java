package dev.clawgate.protocol.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.wire.AgentParams;
import dev.clawgate.protocol.wire.ChatHistoryParams;
import dev.clawgate.protocol.wire.ChatSendParams;
import dev.clawgate.protocol.wire.ConnectParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incoming params: validated against the generated schema, refused with a message that names the path. */
class ParamsSchemaTest {

  private static final ParamsSchema<AgentParams> AGENT = ParamsSchema.of(AgentParams.class);

  private static JsonNode json(String text) throws Exception {
    return FrameCodec.JSON.readTree(text);
  }

  private static GatewayError refusal(ParamsSchema<?> schema, String params) {
    try {
      schema.read(json(params));
    } catch (GatewayException e) {
      return e.error();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("params were accepted: " + params);
  }

  @Test
  void validParamsAreBoundToTheRecord() throws Exception {
    AgentParams params = AGENT.read(json("{\"message\":\"hi\",\"idempotencyKey\":\"k1\",\"agentId\":\"main\","
        + "\"deliver\":false,\"timeout\":600}"));

    assertThat(params.message()).isEqualTo("hi");
    assertThat(params.idempotencyKey()).isEqualTo("k1");
    assertThat(params.agentId()).isEqualTo("main");
    assertThat(params.deliver()).isFalse();
    assertThat(params.timeout()).isEqualTo(600);
  }

  @Test
  void aMissingRequiredFieldIsRefusedNamingItsPath() {
    GatewayError error = refusal(AGENT, "{\"idempotencyKey\":\"k1\"}");

    assertThat(error.code()).isEqualTo("INVALID_REQUEST");
    assertThat(error.detailCode()).isEqualTo("INVALID_PARAMS");
    assertThat(error.message()).isEqualTo("params.message: is required");
    assertThat(error.details()).containsEntry("path", "params.message");
  }

  @Test
  void aWrongTypeSaysWhatTheFieldMustBe() {
    assertThat(refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"timeout\":\"600\"}").message())
        .isEqualTo("params.timeout: must be an integer");
    assertThat(refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"timeout\":1.5}").message())
        .isEqualTo("params.timeout: must be an integer");
    assertThat(refusal(AGENT, "{\"message\":7,\"idempotencyKey\":\"k\"}").message())
        .isEqualTo("params.message: must be a string");
    assertThat(refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"deliver\":\"yes\"}").message())
        .isEqualTo("params.deliver: must be a boolean");
    assertThat(refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"attachments\":{}}").message())
        .isEqualTo("params.attachments: must be an array");
  }

  @Test
  void anEmptyRequiredStringIsRefused() {
    assertThat(refusal(AGENT, "{\"message\":\"\",\"idempotencyKey\":\"k\"}").message())
        .isEqualTo("params.message: must not be empty");
  }

  @Test
  void boundsAreEnforced() {
    ParamsSchema<ChatHistoryParams> history = ParamsSchema.of(ChatHistoryParams.class);

    assertThat(refusal(history, "{\"sessionKey\":\"agent:main:main\",\"limit\":0}").message())
        .isEqualTo("params.limit: must be at least 1");
    assertThat(refusal(history, "{\"sessionKey\":\"agent:main:main\",\"limit\":1001}").message())
        .isEqualTo("params.limit: must be at most 1000");
    assertThat(refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"timeout\":-1}").message())
        .isEqualTo("params.timeout: must be at least 0");
  }

  @Test
  void anIntegerBeyondTheJavaTypeIsOutOfRange() {
    GatewayError error = refusal(AGENT, "{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"timeout\":10000000000}");

    assertThat(error.detailCode()).isEqualTo("INVALID_PARAMS");
    assertThat(error.message()).isEqualTo("params.timeout: is out of range");
  }

  @Test
  void anEnumValueOutsideTheListNamesTheAllowedValues() {
    GatewayError error = refusal(ParamsSchema.of(ChatSendParams.class),
        "{\"sessionKey\":\"agent:main:main\",\"message\":\"m\",\"idempotencyKey\":\"k\",\"queueMode\":\"later\"}");

    assertThat(error.message()).startsWith("params.queueMode: must be one of ")
        .contains("steer", "followup", "collect", "interrupt");
  }

  @Test
  void nestedPathsAreNamedInFull() {
    GatewayError error = refusal(ParamsSchema.of(ConnectParams.class),
        "{\"minProtocol\":4,\"maxProtocol\":4,\"client\":{\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"cli\"},"
            + "\"scopes\":[\"operator.read\",5]}");

    assertThat(error.message()).isEqualTo("params.client.id: is required (and 1 more)");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> errors = (List<Map<String, String>>) error.details().get("errors");
    assertThat(errors).extracting(e -> e.get("path")).containsExactly("params.client.id", "params.scopes[1]");
    assertThat(errors.get(1).get("message")).isEqualTo("must be a string");
  }

  @Test
  void nullCountsAsAbsent() throws Exception {
    AgentParams params = AGENT.read(json("{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"timeout\":null,"
        + "\"sessionKey\":null}"));

    assertThat(params.timeout()).isNull();
    assertThat(params.sessionKey()).isNull();
    assertThat(refusal(AGENT, "{\"message\":null,\"idempotencyKey\":\"k\"}").message())
        .isEqualTo("params.message: is required");
  }

  @Test
  void unknownPropertiesAreAcceptedBecauseClientsAddFieldsOverTime() throws Exception {
    AgentParams params = AGENT.read(json("{\"message\":\"hi\",\"idempotencyKey\":\"k\",\"futureField\":{\"x\":[1]}}"));

    assertThat(params.message()).isEqualTo("hi");
  }

  @Test
  void theSchemaIsDraft07AndListsRequiredFields() {
    JsonNode schema = AGENT.schema();

    assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.path("required")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("message", "idempotencyKey");
    assertThat(schema.path("properties").path("timeout").path("type").asText()).isEqualTo("integer");
    assertThat(schema.has("additionalProperties")).as("lenient about unknown fields").isFalse();
  }
}
