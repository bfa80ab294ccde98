package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.GatewayCallException;

/** The gateway answered a request with {@code ok:false}; keeps the error object for commands that print it. */
public final class RequestFailed extends CliFailure {

  private final transient JsonNode error;

  RequestFailed(String method, GatewayCallException cause) {
    super(method + " failed: " + GatewayConnector.describe(cause.error()));
    this.error = cause.error();
  }

  public JsonNode error() {
    return error;
  }
}
