package dev.clawgate.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code system-presence}: the gateway itself or a connected client, as the client described
 * itself in {@code connect} (its word, shown for the operator's information, never used for authorization).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Presence(String host, String ip, String clientId, String mode, String version, String platform,
    String deviceFamily, String instanceId, List<String> roles, List<String> scopes, String reason, long ts) {

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
