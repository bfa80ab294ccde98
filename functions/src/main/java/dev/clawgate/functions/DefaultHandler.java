package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.clawgate.gateway.ConnectionState;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import java.util.Optional;

/**
 * {@code $default}: every frame after the upgrade. Loads the connection's state, lets gateway-ws handle the
 * frame ({@link dev.clawgate.gateway.FrameHandling}), stores the new state, and only then releases frames held
 * during the handshake (see {@link AwsOutbound}).
 */
public final class DefaultHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

  private final AwsGateway gateway;

  public DefaultHandler() {
    this(AwsGateway.shared());
  }

  public DefaultHandler(AwsGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
    String connId = request.getConnectionId();
    String endpoint = gateway.endpoint(request.getDomainName(), request.getStage());
    Optional<ConnectionState> stored = gateway.connections().find(connId);
    if (stored.isEmpty()) {
      // Its $connect record is gone (expired, or the table was emptied): the handshake cannot be checked.
      gateway.api().post(endpoint, connId, FrameCodec.write(Frame.Response.error("", GatewayError.unavailable(
          "this connection is not known to the gateway any more; reconnect"))));
      gateway.api().close(endpoint, connId);
      return WebSocketEvents.status(410, "unknown connection");
    }
    ConnectionState state = stored.get();
    AwsOutbound link = new AwsOutbound(gateway.api(), endpoint, state);
    ConnectionState next;
    if (event.isIsBase64Encoded()) {
      next = gateway.frames().onBinary(state, link, () -> nextSeq(connId));
    } else {
      next = gateway.frames().onText(state, event.getBody() == null ? "" : event.getBody(), link,
          () -> nextSeq(connId));
    }
    if (next.phase() == ConnectionState.Phase.CLOSED) {
      gateway.connections().delete(connId);
    } else if (!next.equals(state)) {
      gateway.connections().save(next);
    }
    link.flush();
    return WebSocketEvents.status(200, "ok");
  }

  /** The connection's next event number; 0 when it is gone, so the post that follows just finds it gone. */
  private long nextSeq(String connId) {
    return gateway.connections().nextEventSeq(connId).orElse(0L);
  }

}
