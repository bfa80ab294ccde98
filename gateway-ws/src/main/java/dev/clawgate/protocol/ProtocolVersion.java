package dev.clawgate.protocol;

/** The OpenClaw gateway protocol version this gateway speaks. */
public final class ProtocolVersion {
  public static final int CURRENT = 4;

  private ProtocolVersion() {}
}
