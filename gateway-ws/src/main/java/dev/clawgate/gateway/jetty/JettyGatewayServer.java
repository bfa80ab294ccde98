package dev.clawgate.gateway.jetty;

import dev.clawgate.auth.OriginPolicy;
import dev.clawgate.gateway.GatewayCore;
import dev.clawgate.hooks.HookService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted front: a Jetty 12 server (core handlers, no servlets) that upgrades {@code /} to the
 * gateway WebSocket, serves the webhooks under {@code /hooks/} and answers other plain HTTP requests with a
 * short pointer to the protocol. An upgrade from a web page whose origin is not allowed ({@link OriginPolicy})
 * is answered 403 before any WebSocket exists.
 */
public final class JettyGatewayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.gateway");

  /** Headers a reverse proxy adds; their presence means the socket's address is the proxy's. */
  private static final List<String> PROXY_HEADERS =
      List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP");

  private final Server server;
  private final ServerConnector connector;
  private final OriginPolicy origins;

  public JettyGatewayServer(GatewayCore core, String bindHost, int port) {
    this(core, null, bindHost, port);
  }

  /** @param hooks answers {@code POST /hooks/*} on the same port; null leaves webhooks out */
  public JettyGatewayServer(GatewayCore core, HookService hooks, String bindHost, int port) {
    this.server = new Server();
    this.connector = new ServerConnector(server);
    connector.setHost(bindHost);
    connector.setPort(port);
    server.addConnector(connector);
    this.origins = new OriginPolicy(core.settings().allowedOrigins(), bindHost);

    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
      // Jetty's own limit sits just above ours so the gateway, not Jetty, answers oversized frames.
      container.setMaxTextMessageSize(core.settings().maxPayload() + 1L);
      container.setMaxBinaryMessageSize(64 * 1024);
      container.setIdleTimeout(Duration.ofMillis(Math.max(120_000, core.settings().tickIntervalMs() * 4)));
      container.addMapping("/", (request, response, callback) -> {
        HttpFields headers = request.getHeaders();
        String origin = headers.get(HttpHeader.ORIGIN);
        if (origin != null && !origins.allows(origin, port())) {
          LOG.info("refused a WebSocket upgrade from origin {} (not in gateway.allowedOrigins)",
              origin.replaceAll("[^\\x20-\\x7e]", "?"));
          Response.writeError(request, response, callback, 403,
              "origin not allowed (add it to gateway.allowedOrigins to let that page connect)");
          return null;
        }
        boolean proxied = PROXY_HEADERS.stream().anyMatch(headers::contains);
        return new JettySocket(core, origin, proxied);
      });
    });
    HooksHttpHandler hooksHandler = hooks == null ? null : new HooksHttpHandler(hooks);
    upgrade.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (hooksHandler != null && HookService.isHookPath(Request.getPathInContext(request))) {
          hooksHandler.handle(request, response, callback);
          return true;
        }
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
