package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * {@code $disconnect}: forgets the connection. API Gateway delivers it on a best-effort basis; a lost one is
 * covered by the item's TTL, and records of answers still pending for it are removed by the worker's sink on
 * its first 410.
 */
public final class DisconnectHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

  private final AwsGateway gateway;

  public DisconnectHandler() {
    this(AwsGateway.shared());
  }

  public DisconnectHandler(AwsGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    gateway.connections().delete(event.getRequestContext().getConnectionId());
    return WebSocketEvents.status(200, "disconnected");
  }
}
