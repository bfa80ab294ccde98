package dev.clawgate.gateway.jetty;

import dev.clawgate.gateway.GatewayCore;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The self-hosted front: a Jetty 12 server (core handlers, no servlets) that upgrades {@code /} to the
 * gateway WebSocket and answers plain HTTP requests with a short pointer to the protocol.
 */
public final class JettyGatewayServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;

  public JettyGatewayServer(GatewayCore core, String bindHost, int port) {
    this.server = new Server();
    this.connector = new ServerConnector(server);
    connector.setHost(bindHost);
    connector.setPort(port);
    server.addConnector(connector);

    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
      // Jetty's own limit sits just above ours so the gateway, not Jetty, answers oversized frames.
      container.setMaxTextMessageSize(core.settings().maxPayload() + 1L);
      container.setMaxBinaryMessageSize(64 * 1024);
      container.setIdleTimeout(Duration.ofMillis(Math.max(120_000, core.settings().tickIntervalMs() * 4)));
      container.addMapping("/", (request, response, callback) -> new JettySocket(core));
    });
    upgrade.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(426);
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap(
            "Clawgate gateway: connect with a WebSocket client speaking OpenClaw gateway protocol v4.\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
    context.setHandler(upgrade);
    server.setHandler(context);
  }

  public JettyGatewayServer start() throws Exception {
    server.start();
    return this;
  }

  /** The port actually bound (useful when 0 asked for a free one). */
  public int port() {
    return connector.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), port());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
