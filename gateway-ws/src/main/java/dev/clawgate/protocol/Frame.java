package dev.clawgate.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The three frame shapes of the protocol. One JSON object per WebSocket text frame. */
public sealed interface Frame {

  /** {@code {"type":"req","id","method","params"}}. */
  record Request(String id, String method, JsonNode params) implements Frame {}

  /** {@code {"type":"res","id","ok","payload"|"error"}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(String type, String id, boolean ok, Object payload, GatewayError error) implements Frame {
    public static Response ok(String id, Object payload) {
      return new Response("res", id, true, payload, null);
    }

    public static Response error(String id, GatewayError error) {
      return new Response("res", id, false, null, error);
    }
  }

  /** {@code {"type":"event","event","payload","seq"}}; seq increases per connection. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(String type, String event, Object payload, Long seq) implements Frame {
    public static Event of(String event, Object payload, Long seq) {
      return new Event("event", event, payload, seq);
    }
  }
}
