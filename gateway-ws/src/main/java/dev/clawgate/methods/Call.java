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
}
