package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.clawgate.gateway.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $connect}: checks the browser origin, then records the new connection with a fresh challenge nonce.
 * Nothing can be posted to a connection before this returns, so the challenge itself is sent by
 * {@link ChallengeHandler}, from the connections table's stream.
 *
 * <p>An upgrade whose {@code Origin} is not in {@code CLAWGATE_ALLOWED_ORIGINS} is answered 403, which makes API
 * Gateway refuse the WebSocket upgrade; nothing is recorded, so no challenge is ever sent. This is the check the
 * self-hosted server makes ({@link dev.clawgate.auth.OriginPolicy}): it stops a page the user merely visits from
 * talking to the gateway with the browser's help. Requests without an {@code Origin} (the CLI) pass on to the
 * handshake's credentials.
 */
public final class ConnectHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  private final AwsGateway gateway;

  public ConnectHandler() {
    this(AwsGateway.shared());
  }

  public ConnectHandler(AwsGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
    String origin = WebSocketEvents.header(event, "Origin");
    if (!gateway.allowsOrigin(origin)) {
      LOG.info("refused a WebSocket upgrade from origin {} (not in CLAWGATE_ALLOWED_ORIGINS)",
          origin.replaceAll("[^\\x20-\\x7e]", "?"));
      return WebSocketEvents.status(403, "origin not allowed (add it to the stack's AllowedOrigins parameter to let "
          + "that page connect)");
    }
    // API Gateway terminates the client's connection itself, so the source address is the client's own.
    ConnectionState state = ConnectionState.opened(request.getConnectionId(), WebSocketEvents.sourceIp(event),
        origin, false);
    gateway.connections().create(state, gateway.endpoint(request.getDomainName(), request.getStage()));
    return WebSocketEvents.status(200, "connected");
  }
}
