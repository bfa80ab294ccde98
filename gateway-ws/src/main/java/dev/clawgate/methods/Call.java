package dev.clawgate.methods;

import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.Params;

/**
 * One request being answered. Most methods reply once; {@code agent} replies twice on the same id (accepted,
 * then final), which is why {@link #reply} may be called again.
 */
public interface Call {

  String requestId();

  String method();

  Params params();

  ConnectionContext connection();

  void reply(Object payload);

  void fail(GatewayError error);

  /**
   * How long the transport holds this request open for an answer: unbounded on a WebSocket the gateway owns; a
   * stateless front (a Lambda function behind API Gateway) gives up after its own time limit, so a method that
   * waits (agent.wait) must answer before then.
   */
  default long answerWithinMs() {
    return Long.MAX_VALUE;
  }
}
