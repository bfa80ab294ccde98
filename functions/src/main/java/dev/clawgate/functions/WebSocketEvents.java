package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/** Reading API Gateway's WebSocket events and answering them: what every WebSocket handler needs. */
final class WebSocketEvents {

  private WebSocketEvents() {}

  /** A header of the upgrade request, by name in any case (API Gateway passes names as the client sent them). */
  static String header(APIGatewayV2WebSocketEvent event, String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
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
