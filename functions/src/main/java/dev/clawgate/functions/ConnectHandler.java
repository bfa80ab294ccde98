package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.clawgate.gateway.ConnectionState;

/**
 * {@code $connect}: records the new connection with a fresh challenge nonce. Nothing can be posted to a
 * connection before this returns, so the challenge itself is sent by {@link ChallengeHandler}, from the
 * connections table's stream.
 */
public final class ConnectHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

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
    // API Gateway terminates the client's connection itself, so the source address is the client's own.
    ConnectionState state = ConnectionState.opened(request.getConnectionId(), WebSocketEvents.sourceIp(event),
        WebSocketEvents.header(event, "Origin"), false);
    gateway.connections().create(state, gateway.endpoint(request.getDomainName(), request.getStage()));
    return WebSocketEvents.status(200, "connected");
  }
}
