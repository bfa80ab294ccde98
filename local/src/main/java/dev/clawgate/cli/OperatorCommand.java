package dev.clawgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.FrameCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every operator command does around its own work: resolve the target, connect with the fewest scopes
 * the command needs (so a gateway can refuse what an operator may not do), run, and print a failure as one
 * {@code clawgate: ...} line on stderr with exit code 1 (2 for a wrong command line).
 *
 * <p>Output goes to picocli's writers ({@code CommandLine.setOut/setErr}), never to {@code System.out}, so the
 * commands can be run and read in-process.
 */
abstract class OperatorCommand implements Callable<Integer> {

  @Mixin
  GatewayOptions gateway;

  @Spec
  CommandSpec spec;

  GatewayTarget target;
  Duration timeout;

  /** The scopes to ask for in {@code connect}. */
  abstract List<String> scopes();

  /** Runs against a connected client; returns the exit code. */
  abstract int run(GatewayClient client) throws CliFailure;

  /** Checks the command's own arguments before connecting. */
  void validate() throws CliFailure {}

  Duration defaultTimeout() {
    return Duration.ofSeconds(30);
  }

  @Override
  public final Integer call() {
    try {
      validate();
      target = gateway.resolve(System.getenv());
      timeout = gateway.timeout(defaultTimeout());
      try (GatewayClient client = GatewayConnector.connect(target, scopes(), timeout)) {
        return run(client);
      }
    } catch (CliFailure failure) {
      err().println("clawgate: " + failure.getMessage());
      err().flush();
      return failure.exitCode();
    } finally {
      out().flush();
    }
  }

  JsonNode await(GatewayClient client, String method, Object params) throws CliFailure {
    return GatewayConnector.await(client.call(method, params), method, timeout);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static String pretty(JsonNode node) {
    try {
      return FrameCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return node.toString();
    }
  }
}
