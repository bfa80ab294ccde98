package dev.clawgate.gateway;

import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps outbound frames within a transport's message limit (API Gateway carries at most 128 KB per message).
 * An answer that does not fit becomes a small error naming its size and the limit, so the client hears why
 * instead of waiting; an event that does not fit is dropped (and logged), because an event has no request to
 * answer and the run's result stays readable through {@code chat.history} or {@code agent.wait}.
 */
public final class FrameLimit {

  /** {@code error.details.code} of an answer too large for the transport. */
  public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

  private static final Logger LOG = LoggerFactory.getLogger(FrameLimit.class);

  private FrameLimit() {}

  /** The text to send for {@code frame}, at most {@code maxBytes} long in UTF-8, or null to send nothing. */
  public static String fit(Frame frame, int maxBytes) {
    String text = FrameCodec.write(frame);
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size <= maxBytes) {
      return text;
    }
    if (frame instanceof Frame.Response response) {
      return FrameCodec.write(Frame.Response.error(response.id(), new GatewayError(ErrorCodes.UNAVAILABLE,
          "the answer is " + size + " bytes, more than the " + maxBytes + " bytes this transport carries in one "
              + "message; ask for less (e.g. chat.history with a smaller limit)",
          Map.of("code", RESPONSE_TOO_LARGE, "size", size, "maxPayload", maxBytes), false, null)));
    }
    LOG.warn("dropped a {} byte {} frame: more than the {} bytes this transport carries", size,
        frame instanceof Frame.Event event ? event.event() : "request", maxBytes);
    return null;
  }
}
