package dev.clawgate.functions;

import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, runs the paths every invocation takes
 * (Jackson reading and writing a frame, a DynamoDB request, building the management API client) so their
 * classes are loaded and their code warm in the snapshot. A restored instance then starts where a warm one
 * is. Failures are logged, never fatal: priming only saves time.
 */
final class Priming implements Resource {

  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

  private final AwsGateway gateway;

  private Priming(AwsGateway gateway) {
    this.gateway = gateway;
  }

  /** Registers priming for {@code gateway}; the returned resource must stay reachable (CRaC holds it weakly). */
  static Priming register(AwsGateway gateway) {
    Priming priming = new Priming(gateway);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      String text = FrameCodec.write(Frame.Response.ok("priming", Map.of("ok", true)));
      FrameCodec.parseRequest("{\"type\":\"req\",\"id\":\"p\",\"method\":\"health\",\"params\":{}}");
      LOG.debug("primed Jackson ({} bytes)", text.length());
      gateway.connections().find("priming-" + System.nanoTime());
      gateway.api().client(gateway.endpoint("priming.invalid", "priming"));
    } catch (RuntimeException e) {
      LOG.warn("priming before the snapshot failed (the function still works, it just starts colder)", e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the UrlConnection client keeps no pooled connections across a snapshot.
  }
}
