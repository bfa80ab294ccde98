package dev.clawgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static InvalidFrameException invalid(String text) {
    InvalidFrameException e = catchThrowableOfType(InvalidFrameException.class, () -> FrameCodec.parseRequest(text));
    assertThat(e).as("parsing %s must fail with InvalidFrameException", text).isNotNull();
    return e;
  }

  private static JsonNode tree(String json) throws Exception {
    return FrameCodec.JSON.readTree(json);
  }

  @Test
  void validRequestParsesIdMethodAndParams() {
    Frame.Request request = FrameCodec.parseRequest(
        "{\"type\":\"req\",\"id\":\"1:abc\",\"method\":\"health\",\"params\":{\"probe\":true,\"n\":3}}");

    assertThat(request.id()).isEqualTo("1:abc");
    assertThat(request.method()).isEqualTo("health");
    assertThat(request.params().isObject()).isTrue();
    assertThat(request.params().get("probe").asBoolean()).isTrue();
    assertThat(request.params().get("n").asInt()).isEqualTo(3);
  }

  @Test
  void missingParamsBecomeAnEmptyObject() {
    Frame.Request request = FrameCodec.parseRequest("{\"type\":\"req\",\"id\":\"7\",\"method\":\"status\"}");

    assertThat(request.params().isObject()).isTrue();
    assertThat(request.params().size()).isZero();
  }

  @Test
  void nullParamsBecomeAnEmptyObject() {
    Frame.Request request =
        FrameCodec.parseRequest("{\"type\":\"req\",\"id\":\"7\",\"method\":\"status\",\"params\":null}");

    assertThat(request.params().isObject()).isTrue();
    assertThat(request.params().size()).isZero();
  }

  @Test
  void textThatIsNotJsonIsRejectedAsNotValidJson() {
    InvalidFrameException e = invalid("{not json");

    assertThat(e.getMessage()).startsWith("frame is not valid JSON");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void contentAfterTheObjectIsRejectedAsNotValidJson() {
    // Found by the protocol fuzz test: a parser that stops after the first value would run this request.
    String frame = "{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}";

    assertThat(invalid(frame + "}").getMessage()).startsWith("frame is not valid JSON");
    assertThat(invalid(frame + " {\"type\":\"req\"}").getMessage()).startsWith("frame is not valid JSON");
    assertThat(FrameCodec.parseRequest(frame + " \n").method()).as("trailing whitespace is fine").isEqualTo("health");
  }

  @Test
  void jsonThatIsNotAnObjectIsRejected() {
    assertThat(invalid("[1,2,3]").getMessage()).isEqualTo("frame must be a JSON object");
    assertThat(invalid("\"req\"").getMessage()).isEqualTo("frame must be a JSON object");
    assertThat(invalid("42").getMessage()).isEqualTo("frame must be a JSON object");
  }

  @Test
  void emptyTextIsRejectedAsNotAnObject() {
    InvalidFrameException e = invalid("");

    assertThat(e.getMessage()).isEqualTo("frame must be a JSON object");
  }

  @Test
  void typeOtherThanReqIsRejectedWithTheReadableRequestId() {
    InvalidFrameException e = invalid("{\"type\":\"res\",\"id\":\"r1\",\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("frame type must be \"req\"");
    assertThat(e.requestId()).isEqualTo("r1");
  }

  @Test
  void missingTypeIsRejectedWithTheReadableRequestId() {
    InvalidFrameException e = invalid("{\"id\":\"r2\",\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("frame type must be \"req\"");
    assertThat(e.requestId()).isEqualTo("r2");
  }

  @Test
  void missingIdIsRejectedWithoutARequestId() {
    InvalidFrameException e = invalid("{\"type\":\"req\",\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("request id must be a non-empty string of at most 256 characters");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void emptyIdIsRejected() {
    InvalidFrameException e = invalid("{\"type\":\"req\",\"id\":\"\",\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("request id must be a non-empty string of at most 256 characters");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void nonStringIdIsRejected() {
    InvalidFrameException e = invalid("{\"type\":\"req\",\"id\":12,\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("request id must be a non-empty string of at most 256 characters");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void idOfExactly256CharactersIsAccepted() {
    String id = "x".repeat(256);

    Frame.Request request = FrameCodec.parseRequest("{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"m\"}");

    assertThat(request.id()).isEqualTo(id);
  }

  @Test
  void idLongerThan256CharactersIsRejectedAndNotEchoed() {
    String id = "x".repeat(257);

    InvalidFrameException e = invalid("{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"health\"}");

    assertThat(e.getMessage()).isEqualTo("request id must be a non-empty string of at most 256 characters");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void missingMethodIsRejectedWithTheRequestId() {
    InvalidFrameException e = invalid("{\"type\":\"req\",\"id\":\"r3\"}");

    assertThat(e.getMessage()).isEqualTo("request method must be a non-empty string");
    assertThat(e.requestId()).isEqualTo("r3");
  }

  @Test
  void emptyOrNonStringMethodIsRejectedWithTheRequestId() {
    InvalidFrameException empty = invalid("{\"type\":\"req\",\"id\":\"r4\",\"method\":\"\"}");
    InvalidFrameException number = invalid("{\"type\":\"req\",\"id\":\"r5\",\"method\":5}");

    assertThat(empty.getMessage()).isEqualTo("request method must be a non-empty string");
    assertThat(empty.requestId()).isEqualTo("r4");
    assertThat(number.getMessage()).isEqualTo("request method must be a non-empty string");
    assertThat(number.requestId()).isEqualTo("r5");
  }

  @Test
  void paramsThatAreNotAnObjectAreRejectedWithTheRequestId() {
    for (String params : List.of("[]", "\"x\"", "1", "true")) {
      InvalidFrameException e =
          invalid("{\"type\":\"req\",\"id\":\"r6\",\"method\":\"health\",\"params\":" + params + "}");

      assertThat(e.getMessage()).as("params %s", params).isEqualTo("request params must be a JSON object");
      assertThat(e.requestId()).isEqualTo("r6");
    }
  }

  @Test
  void nestingOfExactly64LevelsIsAccepted() {
    // the frame object is level 1, params level 2, then 62 more arrays: 64 levels in all
    String deep = "[".repeat(62) + "]".repeat(62);

    Frame.Request request = FrameCodec.parseRequest(
        "{\"type\":\"req\",\"id\":\"d\",\"method\":\"m\",\"params\":{\"deep\":" + deep + "}}");

    assertThat(request.params().get("deep").isArray()).isTrue();
  }

  @Test
  void nestingDeeperThan64LevelsIsRejectedNamingTheDepth() {
    String deep = "[".repeat(63) + "]".repeat(63);

    InvalidFrameException e =
        invalid("{\"type\":\"req\",\"id\":\"d\",\"method\":\"m\",\"params\":{\"deep\":" + deep + "}}");

    assertThat(e.getMessage()).startsWith("frame is not valid JSON").containsIgnoringCase("nesting depth");
  }

  @Test
  void veryDeepNestingIsRejectedWithoutAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    InvalidFrameException e = invalid(deep);

    assertThat(e.getMessage()).containsIgnoringCase("nesting depth");
  }

  @Test
  void okResponseSerialisesToTheDocumentedShape() throws Exception {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ok", true);
    payload.put("n", 2);

    JsonNode json = tree(FrameCodec.write(Frame.Response.ok("1:x", payload)));

    assertThat(json).isEqualTo(tree("{\"type\":\"res\",\"id\":\"1:x\",\"ok\":true,\"payload\":{\"ok\":true,\"n\":2}}"));
  }

  @Test
  void errorResponseSerialisesWithCodeMessageAndDetailsCodeAndNoPayload() throws Exception {
    GatewayError error = GatewayError.of(ErrorCodes.FORBIDDEN, ErrorCodes.MISSING_SCOPE, "missing scope: x");

    JsonNode json = tree(FrameCodec.write(Frame.Response.error("9", error)));

    assertThat(json).isEqualTo(tree("{\"type\":\"res\",\"id\":\"9\",\"ok\":false,\"error\":{\"code\":\"FORBIDDEN\","
        + "\"message\":\"missing scope: x\",\"details\":{\"code\":\"MISSING_SCOPE\"}}}"));
  }

  @Test
  void errorResponseCarriesRetryableAndRetryAfterMsWhenSet() throws Exception {
    JsonNode json = tree(FrameCodec.write(Frame.Response.error("9", GatewayError.unavailable("busy"))));

    JsonNode error = json.get("error");
    assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
    assertThat(error.get("message").asText()).isEqualTo("busy");
    assertThat(error.get("details").get("code").asText()).isEqualTo("SESSION_UNAVAILABLE");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(error.get("retryAfterMs").asLong()).isEqualTo(1000L);
  }

  @Test
  void errorWithoutDetailCodeOmitsDetails() throws Exception {
    GatewayError error = GatewayError.of(ErrorCodes.INVALID_REQUEST, null, "nope");

    JsonNode json = tree(FrameCodec.write(Frame.Response.error("9", error)));

    assertThat(json.get("error").has("details")).isFalse();
    assertThat(json.get("error").has("retryable")).isFalse();
  }

  @Test
  void unknownMethodErrorNamesTheMethod() {
    GatewayError error = GatewayError.unknownMethod("foo.bar");

    assertThat(error.code()).isEqualTo("INVALID_REQUEST");
    assertThat(error.message()).isEqualTo("unknown method: foo.bar");
    assertThat(error.detailCode()).isEqualTo("UNKNOWN_METHOD");
  }

  @Test
  void eventSerialisesToTheDocumentedShape() throws Exception {
    JsonNode json = tree(FrameCodec.write(Frame.Event.of("tick", Map.of("ts", 123L), 5L)));

    assertThat(json).isEqualTo(tree("{\"type\":\"event\",\"event\":\"tick\",\"payload\":{\"ts\":123},\"seq\":5}"));
  }

  @Test
  void eventWithoutSeqOmitsTheField() throws Exception {
    JsonNode json = tree(FrameCodec.write(Frame.Event.of("tick", Map.of("ts", 1L), null)));

    assertThat(json.has("seq")).isFalse();
    assertThat(json.get("type").asText()).isEqualTo("event");
  }
}
