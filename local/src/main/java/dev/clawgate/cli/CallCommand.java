package dev.clawgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import dev.clawgate.protocol.FrameCodec;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clawgate call METHOD --params JSON}: any method, raw. The payload is printed as JSON on stdout; an
 * error answer as its error JSON on stderr with exit code 1, so scripts can tell the two apart.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = "Call any gateway method and print its payload as JSON.")
public final class CallCommand extends OperatorCommand {

  /** Every operator scope a gateway documents: a raw call may be to any method. */
  private static final List<String> ALL_OPERATOR_SCOPES = List.of(Scopes.READ, Scopes.WRITE, Scopes.ADMIN,
      Scopes.APPROVALS, Scopes.PAIRING);

  @Parameters(index = "0", paramLabel = "METHOD", description = "Method name, e.g. health or sessions.list.")
  String method;

  @Option(names = "--params", paramLabel = "JSON", defaultValue = "{}",
      description = "Params as a JSON object. Default: ${DEFAULT-VALUE}.")
  String params;

  @Option(names = "--expect-final",
      description = "Wait past an interim {\"status\":\"accepted\"} answer for the final one (agent).")
  boolean expectFinal;

  private JsonNode parsed;

  @Override
  List<String> scopes() {
    return ALL_OPERATOR_SCOPES;
  }

  @Override
  void validate() throws CliFailure {
    try {
      parsed = FrameCodec.JSON.readTree(params);
    } catch (JsonProcessingException e) {
      throw new CliFailure("--params is not valid JSON: " + e.getOriginalMessage(), CliFailure.USAGE);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new CliFailure("--params must be a JSON object, e.g. '{\"sessionKey\":\"main\"}'", CliFailure.USAGE);
    }
  }

  @Override
  int run(GatewayClient client) throws CliFailure {
    JsonNode payload;
    try {
      payload = GatewayConnector.await(expectFinal ? client.callExpectFinal(method, parsed, null)
          : client.call(method, parsed), method, timeout);
    } catch (RequestFailed failed) {
      err().println(pretty(failed.error()));
      return CliFailure.FAILED;
    }
    out().println(pretty(payload));
    return 0;
  }
}
