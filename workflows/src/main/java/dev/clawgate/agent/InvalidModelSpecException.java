package dev.clawgate.agent;

/** A model setting that cannot be used; the message says what to write instead. */
public final class InvalidModelSpecException extends IllegalArgumentException {
  public InvalidModelSpecException(String message) {
    super(message);
  }
}
