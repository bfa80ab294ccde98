package dev.clawgate.protocol;

/** WebSocket close codes the gateway uses, and why each. */
public final class CloseCodes {
  private CloseCodes() {}

  /** Normal closure (server shutting down). */
  public static final int NORMAL = 1000;
  /** Protocol version outside the client's range. */
  public static final int PROTOCOL_ERROR = 1002;
  /** Policy violation: bad or missing credentials, first frame not {@code connect}, handshake timeout. */
  public static final int POLICY_VIOLATION = 1008;
  /** A frame over the size limit. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** Server restarting. */
  public static final int GOING_AWAY = 1001;
  /** The connection's outbound buffer passed its bound: the client reads too slowly. */
  public static final int SLOW_CONSUMER = 1013;
}
