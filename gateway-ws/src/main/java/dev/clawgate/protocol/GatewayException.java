package dev.clawgate.protocol;

/** Thrown by a method handler to answer its request with {@link #error()}; the connection stays open. */
public class GatewayException extends RuntimeException {
  private final GatewayError error;

  public GatewayException(GatewayError error) {
    super(error.message());
    this.error = error;
  }

  public GatewayError error() {
    return error;
  }

  public static GatewayException invalidParams(String message) {
    return new GatewayException(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS, message));
  }
}
