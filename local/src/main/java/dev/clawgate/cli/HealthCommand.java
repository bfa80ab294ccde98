package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clawgate health}: is the gateway up and answering, and what does it hold. */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "Ask the gateway whether it is healthy; prints agents and sessions it knows.")
public final class HealthCommand extends OperatorCommand {

  @Option(names = "--json", description = "Print the health payload as JSON.")
  boolean json;

  @Override
  List<String> scopes() {
    return List.of(Scopes.READ);
  }

  @Override
  int run(GatewayClient client) throws CliFailure {
    long started = System.nanoTime();
    JsonNode health = await(client, "health", Map.of());
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    if (json) {
      out().println(pretty(health));
      return 0;
    }
    boolean ok = health.path("ok").asBoolean(false);
    out().println("Gateway " + target.url() + (ok ? " is healthy" : " reports a problem") + " (answered in " + tookMs
        + " ms)");
    for (JsonNode agent : health.path("agents")) {
      JsonNode sessions = agent.path("sessions");
      out().println("Agent " + agent.path("agentId").asText("?") + (agent.path("isDefault").asBoolean() ? " (default)"
          : "") + ": " + sessions.path("count").asLong(0) + " sessions");
    }
    JsonNode sessions = health.path("sessions");
    if (sessions.isObject()) {
      JsonNode recent = sessions.path("recent").path(0);
      out().println("Sessions: " + sessions.path("count").asLong(0) + (recent.isObject()
          ? "; most recent " + recent.path("key").asText() + " (" + HumanTime.ago(recent.path("age").asLong(0)) + ")"
          : ""));
    }
    return ok ? 0 : 1;
  }
}
