package dev.clawgate.gateway;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code system-presence}: the gateway itself or a connected client, as the client described
 * itself in {@code connect} (its word, shown for the operator's information, never used for authorization).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("One entry of system-presence (which answers an array of them): the gateway itself (reason"
    + " self) or a connected client as it described itself in connect. Absent fields are omitted, never null.")
public record Presence(
    @JsonPropertyDescription("the gateway's host name, or the client's displayName") String host,
    @JsonPropertyDescription("the client's remote address") String ip,
    String clientId,
    @JsonPropertyDescription("gateway for the gateway itself, else the client's mode") String mode,
    String version,
    String platform,
    String deviceFamily,
    String instanceId,
    List<String> roles,
    @JsonPropertyDescription("the scopes the connection was granted") List<String> scopes,
    @JsonPropertyDescription("self for the gateway, connect for a client") String reason,
    @JsonPropertyDescription("when the gateway started or the client connected, epoch milliseconds") long ts) {

  static Presence of(JsonNode connectParams, String remoteAddress, Set<String> scopes, long now) {
    JsonNode client = connectParams.path("client");
    return new Presence(text(client, "displayName"), remoteAddress, text(client, "id"), text(client, "mode"),
        text(client, "version"), text(client, "platform"), text(client, "deviceFamily"), text(client, "instanceId"),
        List.of(connectParams.path("role").asText("operator")), List.copyOf(scopes), "connect", now);
  }

  private static final String HOST = hostName();

  static Presence self(String version, long startedAt) {
    return new Presence(HOST, null, "clawgate", "gateway", version, System.getProperty("os.name", "")
        .toLowerCase(), null, null, List.of("gateway"), List.of(), "self", startedAt);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "clawgate";
    }
  }
}
