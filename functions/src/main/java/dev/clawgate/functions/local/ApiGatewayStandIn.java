package dev.clawgate.functions.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's WebSocket API on 127.0.0.1, for tests and the AWS end-to-end stage. Each WebSocket connect,
 * text frame and close becomes the {@link APIGatewayV2WebSocketEvent} API Gateway would send ({@code $connect}
 * with the upgrade's headers, {@code $default} with the frame as body, {@code $disconnect}), handed to the real
 * handler classes in this process; after {@code $connect} returned, {@code afterConnect} runs (the stand-in for
 * the connections table's stream). The same port serves the management API, {@code POST}, {@code GET} and
 * {@code DELETE /{stage}/@connections/{id}}, answering 410 with {@code x-amzn-ErrorType: GoneException} for an
 * unknown id, so the production {@code ApiGatewayManagementApiClient} works against it unchanged (its endpoint
 * is {@link #managementEndpoint()}). Requests are not signature-checked.
 *
 * <p>Like API Gateway, a frame's handler runs while other frames of the same connection may be handled too;
 * a {@code $connect} answered with anything but 200 refuses the connection.
 */
public final class ApiGatewayStandIn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayStandIn.class);
  private static final Pattern CONNECTIONS = Pattern.compile("^/([^/]+)/@connections/([^/]+)$");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The three routes' handlers. */
  public record Routes(RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> connect,
      RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> message,
      RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> disconnect) {}

  private final String stage;
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  private final ExecutorService invocations = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "stand-in-lambda");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Routes routes;
  private volatile Consumer<String> afterConnect = connId -> { };

  /** A stand-in for {@code stage}; set the routes before the first client connects. */
  public ApiGatewayStandIn(String stage, int port) {
    this.stage = stage;
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
      container.setMaxTextMessageSize(256 * 1024);
      container.setIdleTimeout(Duration.ofMinutes(10));
      container.addMapping("/", (request, response, callback) -> {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
          headers.put(field.getName(), field.getValue());
        }
        return new Link(newConnectionId(), headers);
      });
    });
    upgrade.setHandler(new ManagementApiHandler());
    context.setHandler(upgrade);
    server.setHandler(context);
  }

  /** Sets the handlers; the stand-in is made first because their management endpoint is its address. */
  public ApiGatewayStandIn routes(Routes newRoutes, Consumer<String> newAfterConnect) {
    this.routes = newRoutes;
    this.afterConnect = newAfterConnect;
    return this;
  }

  public ApiGatewayStandIn start() throws Exception {
    server.start();
    return this;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Where clients connect. */
  public String url() {
    return "ws://127.0.0.1:" + port() + "/";
  }

  /** The management API's endpoint, for {@code CLAWGATE_MANAGEMENT_ENDPOINT}. */
  public String managementEndpoint() {
    return "http://127.0.0.1:" + port() + "/" + stage;
  }

  public int openConnections() {
    return links.size();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    invocations.shutdownNow();
  }

  private static String newConnectionId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    // API Gateway's ids look like this (16 base64 characters); without '+' and '/', which a path would mangle.
    return Base64.getEncoder().encodeToString(bytes).replace('+', 'P').replace('/', 'S');
  }

  private APIGatewayV2WebSocketEvent event(String routeKey, String eventType, Link link, String body) {
    APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
    identity.setSourceIp(link.sourceIp);
    APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
    context.setRouteKey(routeKey);
    context.setEventType(eventType);
    context.setConnectionId(link.connectionId);
    context.setDomainName("127.0.0.1:" + port());
    context.setStage(stage);
    context.setApiId("standin");
    context.setConnectedAt(link.connectedAt);
    context.setRequestTimeEpoch(System.currentTimeMillis());
    context.setMessageDirection("IN");
    context.setIdentity(identity);
    APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
    event.setRequestContext(context);
    if ("CONNECT".equals(eventType)) {
      event.setHeaders(Map.copyOf(link.headers));
    }
    event.setBody(body);
    event.setIsBase64Encoded(false);
    return event;
  }

  /** One client connection: the WebSocket side of the stand-in (public only because Jetty calls it by method handle). */
  public final class Link implements Session.Listener.AutoDemanding {
    final String connectionId;
    final Map<String, String> headers;
    final long connectedAt = System.currentTimeMillis();
    volatile String sourceIp = "127.0.0.1";
    volatile Session session;

    Link(String connectionId, Map<String, String> headers) {
      this.connectionId = connectionId;
      this.headers = headers;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
      this.session = opened;
      SocketAddress remote = opened.getRemoteSocketAddress();
      if (remote instanceof InetSocketAddress inet) {
        sourceIp = inet.getAddress().getHostAddress();
      }
      APIGatewayV2WebSocketResponse answer;
      try {
        answer = routes.connect().handleRequest(event("$connect", "CONNECT", this, null), null);
      } catch (RuntimeException e) {
        LOG.warn("$connect failed for {}", connectionId, e);
        answer = null;
      }
      if (answer == null || answer.getStatusCode() != 200) {
        opened.close(1008, "refused by $connect", org.eclipse.jetty.websocket.api.Callback.NOOP);
        return;
      }
      links.put(connectionId, this);
      invocations.execute(() -> afterConnect.accept(connectionId));
    }

    @Override
    public void onWebSocketText(String message) {
      invocations.execute(() -> {
        try {
          routes.message().handleRequest(event("$default", "MESSAGE", this, message), null);
        } catch (RuntimeException e) {
          LOG.warn("$default failed for {}", connectionId, e);
        }
      });
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
      callback.succeed();
      APIGatewayV2WebSocketEvent event = event("$default", "MESSAGE", this,
          Base64.getEncoder().encodeToString(toBytes(payload)));
      event.setIsBase64Encoded(true);
      invocations.execute(() -> routes.message().handleRequest(event, null));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      if (links.remove(connectionId) != null) {
        invocations.execute(() -> {
          try {
            routes.disconnect().handleRequest(event("$disconnect", "DISCONNECT", this, null), null);
          } catch (RuntimeException e) {
            LOG.warn("$disconnect failed for {}", connectionId, e);
          }
        });
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      LOG.debug("connection {} failed", connectionId, cause);
    }

    /** Sends one message and waits until it has left, one at a time, as API Gateway's post does. */
    synchronized boolean send(String text) {
      org.eclipse.jetty.websocket.api.Callback.Completable sent = new org.eclipse.jetty.websocket.api.Callback.Completable();
      session.sendText(text, sent);
      try {
        sent.get(10, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }
  }

  private static byte[] toBytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** {@code /{stage}/@connections/{id}}: what {@code ApiGatewayManagementApiClient} calls. */
  private final class ManagementApiHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = URLDecoder.decode(request.getHttpURI().getPath(), StandardCharsets.UTF_8);
      Matcher matcher = CONNECTIONS.matcher(path);
      if (!matcher.matches() || !matcher.group(1).equals(stage)) {
        return answer(response, callback, 404, "NotFoundException", "{\"message\":\"Not Found\"}");
      }
      Link link = links.get(matcher.group(2));
      if (link == null) {
        return answer(response, callback, 410, "GoneException", "{\"message\":\"\"}");
      }
      switch (request.getMethod()) {
        case "POST": {
          String body = Content.Source.asString(request, StandardCharsets.UTF_8);
          if (body.getBytes(StandardCharsets.UTF_8).length > 128 * 1024) {
            return answer(response, callback, 413, "PayloadTooLargeException",
                "{\"message\":\"Message too long\"}");
          }
          if (!link.send(body)) {
            return answer(response, callback, 410, "GoneException", "{\"message\":\"\"}");
          }
          return answer(response, callback, 200, null, "");
        }
        case "GET":
          return answer(response, callback, 200, null, "{\"connectedAt\":\"" + java.time.Instant.ofEpochMilli(
              link.connectedAt) + "\",\"identity\":{\"sourceIp\":\"" + link.sourceIp + "\"},\"lastActiveAt\":\""
              + java.time.Instant.now() + "\"}");
        case "DELETE":
          link.session.close(1000, "closed by the gateway", org.eclipse.jetty.websocket.api.Callback.NOOP);
          return answer(response, callback, 204, null, "");
        default:
          return answer(response, callback, 405, "MethodNotAllowedException", "{\"message\":\"Method Not Allowed\"}");
      }
    }

    private boolean answer(Response response, Callback callback, int status, String errorType, String body) {
      response.setStatus(status);
      if (errorType != null) {
        response.getHeaders().put("x-amzn-ErrorType", errorType);
      }
      response.getHeaders().put("Content-Type", "application/json");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
