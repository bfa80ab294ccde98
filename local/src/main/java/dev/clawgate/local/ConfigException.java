package dev.clawgate.local;

/** A configuration the gateway cannot start with; the message names the key or file and what to fix. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
