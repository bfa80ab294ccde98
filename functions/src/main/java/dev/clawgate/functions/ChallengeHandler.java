package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.clawgate.functions.apigw.ConnectionTable;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.wire.ConnectChallenge;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code connect.challenge} to each new connection. API Gateway accepts no post to a connection until
 * {@code $connect} has returned, and a client waits 15 s for the challenge; the connections table's stream
 * delivers each INSERT to this function right after the item was written, i.e. typically well under a second
 * after {@code $connect} returned (see docs/aws.md). The nonce comes from the stream's new image, so the
 * challenge and the stored state cannot disagree.
 */
public final class ChallengeHandler implements RequestHandler<DynamodbEvent, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(ChallengeHandler.class);

  private final AwsGateway gateway;

  public ChallengeHandler() {
    this(AwsGateway.shared());
  }

  public ChallengeHandler(AwsGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
        continue;
      }
      Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
      if (image == null || !image.containsKey(ConnectionTable.ID) || !image.containsKey(ConnectionTable.NONCE)) {
        LOG.warn("stream record {} carries no connection image; is the stream's view NEW_IMAGE?",
            record.getEventID());
        continue;
      }
      challenge(image.get(ConnectionTable.ID).getS(), image.get(ConnectionTable.ENDPOINT).getS(),
          image.get(ConnectionTable.NONCE).getS(), Long.parseLong(image.get(ConnectionTable.CHALLENGE_TS).getN()));
    }
    return null;
  }

  private void challenge(String connId, String endpoint, String nonce, long ts) {
    Optional<Long> seq = gateway.connections().nextEventSeq(connId);
    if (seq.isEmpty()) {
      return; // disconnected before its challenge
    }
    String text = FrameCodec.write(Frame.Event.of("connect.challenge", new ConnectChallenge(nonce, ts), seq.get()));
    if (!gateway.api().post(endpoint, connId, text)) {
      LOG.debug("connection {} left before its challenge", connId);
    }
  }
}
