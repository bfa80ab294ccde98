package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** Reading API Gateway's WebSocket events and answering them: what every WebSocket handler needs. */
final class WebSocketEvents {

  private WebSocketEvents() {}

  /** A header of the upgrade request, by name in any case (API Gateway passes names as the client sent them). */
  static String header(APIGatewayV2WebSocketEvent event, String name) {
    return Headers.get(event.getHeaders(), name);
  }

  static String sourceIp(APIGatewayV2WebSocketEvent event) {
    APIGatewayV2WebSocketEvent.RequestIdentity identity = event.getRequestContext().getIdentity();
    return identity == null || identity.getSourceIp() == null ? "" : identity.getSourceIp();
  }

  static APIGatewayV2WebSocketResponse status(int code, String body) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(code);
    response.setBody(body);
    return response;
  }
}
