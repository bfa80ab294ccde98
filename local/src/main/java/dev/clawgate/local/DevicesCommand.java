package dev.clawgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.FrameCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate devices list|approve|reject}: the operator's side of device pairing, over the gateway protocol
 * ({@code device.pair.*}), so it works against any compatible gateway, local or remote.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List devices waiting for pairing approval and paired devices; approve or reject a request.",
    subcommands = {DevicesCommand.ListDevices.class, DevicesCommand.Approve.class, DevicesCommand.Reject.class})
final class DevicesCommand implements Callable<Integer> {

  static final String DEFAULT_URL = "ws://127.0.0.1:" + Settings.DEFAULT_PORT;
  private static final long TIMEOUT_SECONDS = 15;

  @Spec
  CommandLine.Model.CommandSpec spec;

  /** The environment the options fall back to; tests pass their own. */
  private final Map<String, String> env;

  DevicesCommand() {
    this(System.getenv());
  }

  DevicesCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Where the gateway is and how to authenticate; flags first, then the environment, then the defaults. */
  static final class Target {
    @Option(names = "--url", paramLabel = "URL",
        description = "Gateway WebSocket URL. Default: $CLAWGATE_GATEWAY_URL, else " + DEFAULT_URL + ".")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "Gateway token. Default: $CLAWGATE_GATEWAY_TOKEN, else the gateway.token file in the state "
            + "dir ($CLAWGATE_STATE_DIR, ~/.clawgate).")
    String token;

    @Option(names = "--json", description = "Print the gateway's answer as JSON.")
    boolean json;

    JsonNode call(Map<String, String> env, String method, Map<String, Object> params, List<String> scopes)
        throws CommandFailed {
      URI target = URI.create(first(url, env.get("CLAWGATE_GATEWAY_URL"), DEFAULT_URL));
      ConnectOptions options = ConnectOptions.operator(token(env)).withScopes(scopes);
      try (GatewayClient client = GatewayClient.connect(target, options)) {
        return client.call(method, params).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (GatewayCallException refused) {
        throw new CommandFailed("the gateway at " + target + " refused the connection: " + describe(refused));
      } catch (IOException e) {
        throw new CommandFailed(isRefusedConnection(e)
            ? "cannot connect to " + target + ": is the gateway running? (clawgate gateway)"
            : "cannot connect to " + target + ": " + e.getMessage());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GatewayCallException) {
          throw new CommandFailed(method + " failed: " + describe((GatewayCallException) e.getCause()));
        }
        throw new CommandFailed("lost the gateway during " + method + ": " + e.getCause().getMessage());
      } catch (TimeoutException e) {
        throw new CommandFailed("no answer to " + method + " within " + TIMEOUT_SECONDS + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailed("interrupted while waiting for " + method);
      }
    }

    private String token(Map<String, String> env) throws CommandFailed {
      String given = first(token, env.get("CLAWGATE_GATEWAY_TOKEN"), null);
      if (given != null) {
        return given.trim();
      }
      Path file = new SettingsLoader(env).stateDir().resolve(GatewayToken.FILE);
      if (!Files.isRegularFile(file)) {
        return null;
      }
      try {
        String fromFile = Files.readString(file, StandardCharsets.UTF_8).trim();
        return fromFile.isEmpty() ? null : fromFile;
      } catch (IOException e) {
        throw new CommandFailed("cannot read the gateway token file " + file + ": " + e.getMessage());
      }
    }

    private static boolean isRefusedConnection(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ConnectException) {
          return true;
        }
      }
      return false;
    }

    private static String describe(GatewayCallException e) {
      String detail = e.detailCode();
      return e.code() + (detail == null ? "" : " (" + detail + ")") + ": "
          + e.error().path("message").asText();
    }

    private static String first(String a, String b, String fallback) {
      if (a != null && !a.isBlank()) {
        return a;
      }
      return b != null && !b.isBlank() ? b : fallback;
    }
  }

  /** A subcommand that cannot finish; its message goes to stderr and the exit code is 1. */
  static final class CommandFailed extends Exception {
    CommandFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** Runs a subcommand body, turning {@link CommandFailed} into the message and exit code 1. */
  private interface Body {
    void run(PrintWriter out) throws CommandFailed;
  }

  private static int run(CommandLine.Model.CommandSpec spec, Body body) {
    try {
      body.run(spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (CommandFailed e) {
      spec.commandLine().getErr().println("clawgate devices: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show pairing requests waiting for approval, then paired devices.")
  static final class ListDevices implements Callable<Integer> {
    @ParentCommand
    DevicesCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode list = target.call(parent.env, "device.pair.list", Map.of(), List.of(Scopes.PAIRING));
        if (target.json) {
          out.println(pretty(list));
          return;
        }
        JsonNode pending = list.path("pending");
        out.println("Pending (" + pending.size() + ")" + (pending.size() == 0 ? "" : ": approve with "
            + "'clawgate devices approve <requestId>'"));
        for (JsonNode r : pending) {
          out.println("  " + r.path("requestId").asText() + "  " + shortId(r.path("deviceId").asText()) + "  "
              + name(r) + "  " + r.path("role").asText() + " " + scopes(r) + "  from "
              + r.path("remoteIp").asText("?") + "  " + r.path("reason").asText("") + "  asked "
              + Instant.ofEpochMilli(r.path("ts").asLong()));
        }
        JsonNode paired = list.path("paired");
        out.println("Paired (" + paired.size() + ")");
        for (JsonNode d : paired) {
          out.println("  " + shortId(d.path("deviceId").asText()) + "  " + name(d) + "  " + d.path("role").asText()
              + " " + scopes(d) + "  approved " + d.path("approvedVia").asText("?") + " "
              + Instant.ofEpochMilli(d.path("approvedAtMs").asLong()));
        }
      });
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve a pending pairing request (ids from 'clawgate devices list').")
  static final class Approve implements Callable<Integer> {
    @ParentCommand
    DevicesCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request to approve.")
    String requestId;

    @Override
    public Integer call() {
      return run(spec, out -> {
        // Admin, because approving hands the device its scopes and an approver may not grant more than it holds.
        JsonNode answer = target.call(parent.env, "device.pair.approve", Map.of("requestId", requestId),
            List.of(Scopes.ADMIN));
        if (target.json) {
          out.println(pretty(answer));
          return;
        }
        JsonNode device = answer.path("device");
        out.println("Approved " + shortId(device.path("deviceId").asText()) + " (" + name(device) + ") as "
            + device.path("role").asText() + " " + scopes(device) + ". It can connect now.");
      });
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending pairing request.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand
    DevicesCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Target target;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request to reject.")
    String requestId;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode answer = target.call(parent.env, "device.pair.reject", Map.of("requestId", requestId),
            List.of(Scopes.ADMIN));
        if (target.json) {
          out.println(pretty(answer));
          return;
        }
        out.println("Rejected request " + requestId + " (device " + shortId(answer.path("deviceId").asText())
            + ").");
      });
    }
  }

  private static String shortId(String deviceId) {
    return deviceId.length() > 12 ? deviceId.substring(0, 12) : deviceId;
  }

  private static String name(JsonNode entry) {
    String name = entry.path("displayName").asText("");
    if (name.isEmpty()) {
      name = entry.path("clientId").asText("");
    }
    String platform = entry.path("platform").asText("");
    return (name.isEmpty() ? "unnamed" : name) + (platform.isEmpty() ? "" : " on " + platform);
  }

  private static String scopes(JsonNode entry) {
    StringBuilder out = new StringBuilder("[");
    entry.path("scopes").forEach(s -> out.append(out.length() > 1 ? ", " : "").append(s.asText()));
    return out.append(']').toString();
  }

  private static String pretty(JsonNode node) {
    try {
      return FrameCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      return node.toString();
    }
  }
}
