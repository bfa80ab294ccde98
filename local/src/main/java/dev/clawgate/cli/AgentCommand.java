package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clawgate agent --message TEXT}: one turn. The reply is printed as it streams (the {@code assistant}
 * deltas of the run's {@code agent} events), then the final answer decides the exit code. A gateway that
 * streams nothing to this connection still gets its reply printed, from the final payloads.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Send a message to an agent and print the reply as it streams.")
public final class AgentCommand extends OperatorCommand {

  @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT", description = "The message to send.")
  String message;

  @Option(names = "--agent", paramLabel = "ID", description = "Agent id. Default: the gateway's default agent.")
  String agentId;

  @Option(names = "--session", paramLabel = "KEY",
      description = "Session key (e.g. work or agent:main:work). Default: the agent's main session.")
  String sessionKey;

  @Option(names = "--json", description = "Print the final answer as JSON instead of streaming the reply.")
  boolean json;

  @Override
  List<String> scopes() {
    return List.of(Scopes.WRITE);
  }

  /** Model turns with tools can take minutes; OpenClaw's CLI waits 600 s too. */
  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(600);
  }

  @Override
  void validate() throws CliFailure {
    if (message.isBlank()) {
      throw new CliFailure("--message must not be empty", CliFailure.USAGE);
    }
  }

  @Override
  int run(GatewayClient client) throws CliFailure {
    String runId = GatewayClient.newIdempotencyKey();
    StringBuilder streamed = new StringBuilder();
    if (!json) {
      client.onEvent(frame -> printDelta(frame, runId, streamed));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("message", message);
    if (agentId != null) {
      params.put("agentId", agentId);
    }
    if (sessionKey != null) {
      params.put("sessionKey", sessionKey);
    }
    params.put("deliver", false);
    // The gateway answers "timeout" after this many seconds; we wait a little longer to hear it say so.
    params.put("timeout", Math.max(1, timeout.toSeconds()));
    params.put("idempotencyKey", runId);

    JsonNode done;
    try {
      done = GatewayConnector.await(client.callExpectFinal("agent", params, null), "agent",
          timeout.plusSeconds(5));
    } catch (CliFailure failure) {
      endStreamedLine(streamed);
      throw failure;
    }
    String status = done.path("status").asText("");
    if (json) {
      out().println(pretty(done));
      return succeeded(status) ? 0 : 1;
    }
    synchronized (streamed) {
      if (streamed.length() > 0) {
        out().println();
      } else {
        for (JsonNode payload : done.path("result").path("payloads")) {
          out().println(payload.path("text").asText("").stripTrailing());
        }
      }
    }
    if (succeeded(status)) {
      return 0;
    }
    if ("in_flight".equals(status)) {
      err().println("clawgate: run " + runId + " is already in flight; not starting a duplicate");
    } else {
      String why = done.path("summary").asText(done.path("error").asText(""));
      err().println("clawgate: the run ended with status " + (status.isEmpty() ? "unknown" : status)
          + (why.isEmpty() ? "" : ": " + why));
    }
    return 1;
  }

  private void printDelta(JsonNode frame, String runId, StringBuilder streamed) {
    JsonNode payload = frame.path("payload");
    if (!"agent".equals(frame.path("event").asText()) || !runId.equals(payload.path("runId").asText())
        || !"assistant".equals(payload.path("stream").asText())) {
      return;
    }
    JsonNode data = payload.path("data");
    String delta;
    synchronized (streamed) {
      if (data.path("delta").isTextual()) {
        delta = data.path("delta").asText();
      } else if (data.path("text").isTextual() && data.path("text").asText().startsWith(streamed.toString())) {
        delta = data.path("text").asText().substring(streamed.length());
      } else {
        return;
      }
      streamed.append(delta);
      out().print(delta);
      out().flush();
    }
  }

  private void endStreamedLine(StringBuilder streamed) {
    synchronized (streamed) {
      if (streamed.length() > 0) {
        out().println();
      }
    }
  }

  private static boolean succeeded(String status) {
    return "ok".equals(status) || "completed".equals(status);
  }
}
