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

/**
 * {@code clawgate devices list|approve|reject}: the operator's side of device pairing, over {@code device.pair.*},
 * so it works against any compatible gateway, local or remote.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List devices waiting for pairing approval and paired devices; approve or reject a request.",
    subcommands = {DevicesCommand.ListCommand.class, DevicesCommand.ApproveCommand.class,
        DevicesCommand.RejectCommand.class})
public final class DevicesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliFailure.USAGE;
  }

  /** Pending requests (with the id to approve), then paired devices. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show pairing requests waiting for approval, then paired devices.")
  static final class ListCommand extends OperatorCommand {

    @Option(names = "--json", description = "Print the device.pair.list payload as JSON.")
    boolean json;

    @Override
    List<String> scopes() {
      return List.of(Scopes.PAIRING);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode list = await(client, "device.pair.list", Map.of());
      if (json) {
        out().println(pretty(list));
        return 0;
      }
      long now = System.currentTimeMillis();
      JsonNode pending = list.path("pending");
      if (pending.isEmpty()) {
        out().println("No pairing requests waiting.");
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"REQUEST", "DEVICE", "CLIENT", "ASKS FOR", "FROM", "ASKED"});
        for (JsonNode r : pending) {
          rows.add(new String[] {r.path("requestId").asText(), shortId(r), client(r),
              r.path("role").asText() + " " + scopeList(r) + (r.path("isRepair").asBoolean() ? " (upgrade)" : ""),
              r.path("remoteIp").asText("?"), HumanTime.ago(now - r.path("ts").asLong(now))});
        }
        printTable(rows);
        out().println("Approve one with: clawgate devices approve <REQUEST>");
      }
      JsonNode paired = list.path("paired");
      out().println();
      if (paired.isEmpty()) {
        out().println("No paired devices.");
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"DEVICE", "CLIENT", "ROLE AND SCOPES", "APPROVED"});
      for (JsonNode d : paired) {
        rows.add(new String[] {shortId(d), client(d), d.path("role").asText() + " " + scopeList(d),
            d.path("approvedVia").asText("?") + ", " + HumanTime.ago(now - d.path("approvedAtMs").asLong(now))});
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
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
        }
        out().println(line);
      }
    }

    private static String pad(String text, int width) {
      return text + " ".repeat(width - text.length());
    }
  }

  /** Approves with admin scope: an approver may not grant a device more than it holds itself. */
  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve a pending pairing request (ids from 'clawgate devices list').")
  static final class ApproveCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The id of the request to approve.")
    String requestId;

    @Override
    List<String> scopes() {
      return List.of(Scopes.ADMIN);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode device = await(client, "device.pair.approve", Map.of("requestId", requestId)).path("device");
      out().println("Approved device " + shortId(device) + " (" + client(device) + ") as "
          + device.path("role").asText() + " " + scopeList(device) + "; it can connect now.");
      return 0;
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending pairing request.")
  static final class RejectCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The id of the request to reject.")
    String requestId;

    @Override
    List<String> scopes() {
      return List.of(Scopes.ADMIN);
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      JsonNode rejected = await(client, "device.pair.reject", Map.of("requestId", requestId));
      out().println("Rejected request " + requestId + " of device " + shortId(rejected) + ".");
      return 0;
    }
  }

  /** The first 12 hex digits of a device id: enough to tell devices apart in a table. */
  private static String shortId(JsonNode entry) {
    String id = entry.path("deviceId").asText("?");
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static String client(JsonNode entry) {
    String name = entry.path("displayName").asText(entry.path("clientId").asText(""));
    String platform = entry.path("platform").asText("");
    return (name.isEmpty() ? "unnamed" : name) + (platform.isEmpty() ? "" : " on " + platform);
  }

  private static String scopeList(JsonNode entry) {
    List<String> scopes = new ArrayList<>();
    entry.path("scopes").forEach(s -> scopes.add(s.asText()));
    return "[" + String.join(", ", scopes) + "]";
  }
}
