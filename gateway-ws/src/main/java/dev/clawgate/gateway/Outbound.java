package dev.clawgate.gateway;

/**
 * What the transport-neutral gateway needs from a transport: send a text frame, close. The Jetty binding
 * implements it for self-hosted mode; on AWS a Lambda adapter posts through API Gateway.
 */
public interface Outbound {

  /** Queues a text frame; {@code onDone} runs when it has left (or failed to), so buffered bytes can be counted. */
  void sendText(String text, Runnable onDone);

  void close(int code, String reason);

  /** The peer's address, for logs and the loopback checks; never null. */
  String remoteAddress();

  /**
   * The {@code Origin} header of the upgrade request, or null when there was none: set by browsers, so a
   * connection with one is a web page and never trusted as local.
   */
  default String origin() {
    return null;
  }

  /**
   * Whether the upgrade carried proxy headers ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}):
   * then {@link #remoteAddress()} is the proxy's, and a loopback address says nothing about the client.
   */
  default boolean proxied() {
    return false;
  }
}
