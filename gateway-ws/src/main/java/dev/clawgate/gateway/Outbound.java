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
}
