package dev.clawgate.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses inbound frames and writes outbound ones. Parsing is strict about the envelope (a request needs a
 * string id and method, params must be an object) and says exactly what is wrong, because that message is
 * what a client author reads.
 */
public final class FrameCodec {

  /** Frames deeper than this are refused before they can exhaust the parser's stack. */
  static final int MAX_NESTING = 64;
  static final int MAX_ID_LENGTH = 256;
  static final int MAX_METHOD_LENGTH = 128;

  /** Lenient about unknown properties (clients add fields over time), strict about anything after the value. */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
  }

  private FrameCodec() {}

  /** Parses a request frame, or throws {@link InvalidFrameException} naming the problem. */
  public static Frame.Request parseRequest(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidFrameException(null, "frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidFrameException(null, "frame must be a JSON object");
    }
    JsonNode idNode = node.get("id");
    String id = idNode != null && idNode.isTextual() && idNode.asText().length() <= MAX_ID_LENGTH
        ? idNode.asText() : null;
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || !"req".equals(type.asText())) {
      throw new InvalidFrameException(id, "frame type must be \"req\"");
    }
    if (id == null || id.isEmpty()) {
      throw new InvalidFrameException(null, "request id must be a non-empty string of at most " + MAX_ID_LENGTH
          + " characters");
    }
    JsonNode method = node.get("method");
    if (method == null || !method.isTextual() || method.asText().isEmpty()
        || method.asText().length() > MAX_METHOD_LENGTH) {
      throw new InvalidFrameException(id, "request method must be a non-empty string");
    }
    JsonNode params = node.get("params");
    if (params == null || params.isNull()) {
      params = JSON.createObjectNode();
    } else if (!params.isObject()) {
      throw new InvalidFrameException(id, "request params must be a JSON object");
    }
    return new Frame.Request(id, method.asText(), params);
  }

  public static String write(Frame frame) {
    try {
      return JSON.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise frame", e);
    }
  }
}
