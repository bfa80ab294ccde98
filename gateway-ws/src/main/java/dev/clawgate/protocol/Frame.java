package dev.clawgate.protocol;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The three frame shapes of the protocol. One JSON object per WebSocket text frame. Jackson writes the
 * {@code type} discriminator from the type names below, so a frame can never carry the wrong one, and the schema
 * generator turns the same names into {@code const}s.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Frame.Request.class, name = "req"),
    @JsonSubTypes.Type(value = Frame.Response.class, name = "res"),
    @JsonSubTypes.Type(value = Frame.Event.class, name = "event")})
public sealed interface Frame {

  /** {@code {"type":"req","id","method","params"}}; parsed by {@link FrameCodec#parseRequest}. */
  @JsonClassDescription("A request; the only frame a client sends.")
  record Request(
      @NotEmpty @Size(max = FrameCodec.MAX_ID_LENGTH) String id,
      @NotEmpty @Size(max = FrameCodec.MAX_METHOD_LENGTH) String method,
      @JsonPropertyDescription("an object; its schema is the method's params definition") JsonNode params)
      implements Frame {}

  /** {@code {"type":"res","id","ok","payload"|"error"}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonClassDescription("A response to the request with the same id; agent answers twice (accepted, then final).")
  record Response(
      @NotEmpty String id,
      boolean ok,
      Object payload,
      GatewayError error) implements Frame {
    public static Response ok(String id, Object payload) {
      return new Response(id, true, payload, null);
    }

    public static Response error(String id, GatewayError error) {
      return new Response(id, false, null, error);
    }
  }

  /** {@code {"type":"event","event","payload","seq"}}; seq increases per connection. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonClassDescription("An event; seq increases per connection.")
  record Event(
      @NotEmpty String event,
      Object payload,
      @Min(0) Long seq) implements Frame {
    public static Event of(String event, Object payload, Long seq) {
      return new Event(event, payload, seq);
    }
  }
}
