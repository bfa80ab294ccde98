package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clawgate status}: what the gateway runs on. Reads OpenClaw's status shape and Clawgate's own
 * {@code clawgate} block when present, so it also works against OpenClaw's gateway (showing less).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the gateway's version, uptime, Temporal target, model, agents and sessions.")
public final class StatusCommand extends OperatorCommand {

  @Option(names = "--json", description = "Print the status payload as JSON.")
  boolean json;

  @Override
  List<String> scopes() {
    return List.of(Scopes.READ);
  }

  @Override
  int run(GatewayClient client) throws CliFailure {
    JsonNode status = await(client, "status", Map.of());
    if (json) {
      out().println(pretty(status));
      return 0;
    }
    JsonNode hello = client.hello();
    JsonNode clawgate = status.path("clawgate");
    row("Gateway", target.url().toString());
    row("Version", first(status.path("runtimeVersion"), clawgate.path("version"),
        hello.path("server").path("version")));
    JsonNode uptime = clawgate.path("uptimeMs").isNumber() ? clawgate.path("uptimeMs")
        : hello.path("snapshot").path("uptimeMs");
    if (uptime.isNumber()) {
      row("Uptime", HumanTime.span(uptime.asLong()));
    }
    JsonNode temporal = clawgate.path("temporal");
    if (temporal.isObject()) {
      row("Temporal", temporal.path("target").asText("?") + (temporal.path("durable").asBoolean()
          ? " (durable)" : " (not durable)"));
    }
    String model = first(clawgate.path("model"), status.path("sessions").path("defaults").path("model"));
    if (model != null) {
      row("Model", model);
    }
    List<String> agents = new ArrayList<>();
    String defaultAgent = status.path("heartbeat").path("defaultAgentId").asText(null);
    for (JsonNode agent : status.path("heartbeat").path("agents")) {
      String id = agent.path("agentId").asText();
      agents.add(id.equals(defaultAgent) ? id + " (default)" : id);
    }
    if (!agents.isEmpty()) {
      row("Agents", String.join(", ", agents));
    }
    if (status.path("sessions").path("count").isNumber()) {
      row("Sessions", status.path("sessions").path("count").asText());
    }
    return 0;
  }

  private void row(String label, String value) {
    out().printf("%-10s %s%n", label, value == null ? "-" : value);
  }

  private static String first(JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate.isValueNode() && !candidate.isNull() && !candidate.asText().isEmpty()) {
        return candidate.asText();
      }
    }
    return null;
  }
}
