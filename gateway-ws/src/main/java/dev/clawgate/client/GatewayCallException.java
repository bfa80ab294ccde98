package dev.clawgate.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request answered with {@code ok:false}, or a handshake refused; carries the error object and, for a
 * refused handshake, the close code the gateway used.
 */
public final class GatewayCallException extends RuntimeException {
  private final JsonNode error;
  private final int closeCode;

  public GatewayCallException(JsonNode error, int closeCode) {
    super(error.path("code").asText() + ": " + error.path("message").asText());
    this.error = error;
    this.closeCode = closeCode;
  }

  public JsonNode error() {
    return error;
  }

  public String code() {
    return error.path("code").asText();
  }

  public String detailCode() {
    return error.path("details").path("code").asText(null);
  }

  /** The close code that followed a refused handshake; 0 when the connection stayed open. */
  public int closeCode() {
    return closeCode;
  }
}
