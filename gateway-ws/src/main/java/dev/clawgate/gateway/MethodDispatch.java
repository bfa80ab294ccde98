package dev.clawgate.gateway;

import dev.clawgate.auth.Scopes;
import dev.clawgate.methods.Call;
import dev.clawgate.methods.Method;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.GatewayException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a request of a connected client reaches its method, shared by the in-memory connection and the stateless
 * path ({@link FrameHandling}), so both answer unknown methods, missing scopes and failures alike.
 */
final class MethodDispatch {

  private static final Logger LOG = LoggerFactory.getLogger(MethodDispatch.class);

  private MethodDispatch() {}

  /** The method to run for {@code request}, or null after answering why there is none the caller may use. */
  static Method admit(GatewayCore core, Frame.Request request, java.util.Set<String> scopes, Call call) {
    Method method = core.methods().find(request.method()).orElse(null);
    if (method == null) {
      call.fail(GatewayError.unknownMethod(request.method()));
      return null;
    }
    if (!Scopes.allows(scopes, method.scope())) {
      call.fail(new GatewayError(ErrorCodes.FORBIDDEN, "missing scope: " + method.scope(), Map.of("code",
          ErrorCodes.MISSING_SCOPE, "missingScope", method.scope(), "requiredScopes", List.of(method.scope())),
          false, null));
      return null;
    }
    return method;
  }

  /** Runs the handler on this thread; whatever it throws becomes the call's error answer. */
  static void run(Method method, Call call) {
    try {
      method.handler().handle(call);
    } catch (GatewayException e) {
      call.fail(e.error());
    } catch (dev.clawgate.session.InvalidSessionKeyException e) {
      call.fail(GatewayError.invalidRequest(ErrorCodes.INVALID_PARAMS, e.getMessage()));
    } catch (Exception e) {
      LOG.error("method {} failed", call.method(), e);
      call.fail(GatewayError.unavailable(call.method() + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    }
  }
}
