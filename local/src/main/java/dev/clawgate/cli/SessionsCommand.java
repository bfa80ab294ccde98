package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clawgate sessions list|reset}. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List or reset sessions.",
    subcommands = {SessionsCommand.ListCommand.class, SessionsCommand.ResetCommand.class})
public final class SessionsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliFailure.USAGE;
  }

  /** A table of the sessions the gateway knows, most recently updated first (the gateway's order). */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List sessions: key, updated, turns, tokens.")
  static final class ListCommand extends OperatorCommand {

    @Option(names = "--json", description = "Print the sessions.list payload as JSON.")
    boolean json;

    @Override
    List<String> scopes() {
      return List.of(Scopes.READ);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode list = await(client, "sessions.list", Map.of());
      if (json) {
        out().println(pretty(list));
        return 0;
      }
      JsonNode sessions = list.path("sessions");
      if (sessions.isEmpty()) {
        out().println("No sessions.");
        return 0;
      }
      long now = System.currentTimeMillis();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"KEY", "UPDATED", "TURNS", "TOKENS"});
      for (JsonNode session : sessions) {
        JsonNode updated = session.path("updatedAt");
        rows.add(new String[] {
            session.path("key").asText("?"),
            updated.isNumber() ? HumanTime.ago(now - updated.asLong()) : "-",
            number(session.path("turns")),
            tokens(session)});
      }
      printTable(rows);
      return 0;
    }

    private void printTable(List<String[]> rows) {
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      // Text columns left-aligned, numbers right-aligned.
      String format = "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %" + widths[3] + "s%n";
      for (String[] row : rows) {
        out().printf(format, (Object[]) row);
      }
    }

    private static String tokens(JsonNode session) {
      if (session.path("totalTokens").isNumber()) {
        return session.path("totalTokens").asText();
      }
      if (session.path("inputTokens").isNumber() || session.path("outputTokens").isNumber()) {
        return String.valueOf(session.path("inputTokens").asLong(0) + session.path("outputTokens").asLong(0));
      }
      return "-";
    }

    private static String number(JsonNode value) {
      return value.isNumber() ? value.asText() : "-";
    }
  }

  /** Starts a session afresh; the gateway queues the reset behind runs it already accepted. */
  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Reset a session: later turns start with an empty history.")
  static final class ResetCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "Session key, e.g. work or agent:main:work.")
    String key;

    @Override
    List<String> scopes() {
      return List.of(Scopes.ADMIN);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode reset = await(client, "sessions.reset", Map.of("key", key));
      out().println("Session " + reset.path("key").asText(key) + " reset.");
      return 0;
    }
  }
}
