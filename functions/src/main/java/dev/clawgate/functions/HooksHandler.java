package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The HTTP API's webhook function. Webhooks ({@code /hooks/*}) are not implemented in gateway-ws yet, so
 * every request is answered 501 with a sentence saying so, rather than a silent 404 or a timeout.
 */
public final class HooksHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(501)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{\"ok\":false,\"error\":\"webhooks are not implemented by this Clawgate version yet\"}")
        .build();
  }
}
