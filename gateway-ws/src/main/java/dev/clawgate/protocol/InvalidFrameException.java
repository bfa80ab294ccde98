package dev.clawgate.protocol;

/** An inbound frame that is not a well-formed request; {@code requestId} is set when one could be read. */
public final class InvalidFrameException extends RuntimeException {
  private final String requestId;

  public InvalidFrameException(String requestId, String message) {
    super(message);
    this.requestId = requestId;
  }

  public String requestId() {
    return requestId;
  }
}
