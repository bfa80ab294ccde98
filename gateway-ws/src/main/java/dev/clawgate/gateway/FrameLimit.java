package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clawgate.protocol.Frame;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayError;
import dev.clawgate.protocol.ErrorCodes;
import dev.clawgate.protocol.wire.ChatHistoryResult;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps outbound frames within a transport's message limit (API Gateway carries at most 128 KB per message),
 * and never drops one silently:
 *
 * <ul>
 *   <li>a {@code chat.history} answer leaves out its oldest messages until it fits, and says how many
 *       ({@link ChatHistoryResult#omitted()});
 *   <li>any other answer becomes an {@code INVALID_REQUEST} error naming its size and the limit
 *       ({@code details.code} {@value #RESPONSE_TOO_LARGE}), so the client hears why instead of waiting;
 *   <li>an event keeps its shape, but its longest strings are cut, each ending with a note saying how much was
 *       left out ({@link #CUT_NOTE}): an event answers no request, so there is nothing to refuse, and a run's
 *       whole text stays readable in the transcript. Streamed text is split before it gets here (the worker's
 *       sink cuts a long delta into several), so in practice this cuts the accumulated text of a very long reply
 *       and large tool arguments or results.
 * </ul>
 */
public final class FrameLimit {

  /** {@code error.details.code} of an answer too large for the transport. */
  public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

  /** How a cut string ends: {@code …[N bytes cut: the message limit is M bytes]}. */
  public static final String CUT_NOTE = "…[%d bytes cut: the message limit is %d bytes]";

  private static final Logger LOG = LoggerFactory.getLogger(FrameLimit.class);

  /** Room left for the note and for JSON escaping when a string is cut. */
  private static final int CUT_SLACK = 128;
  private static final int MAX_CUTS = 64;

  private FrameLimit() {}

  /** The text to send for {@code frame}, at most {@code maxBytes} long in UTF-8. */
  public static String fit(Frame frame, int maxBytes) {
    String text = FrameCodec.write(frame);
    int size = size(text);
    if (size <= maxBytes) {
      return text;
    }
    if (frame instanceof Frame.Response response) {
      if (response.ok() && response.payload() instanceof ChatHistoryResult history) {
        return trimHistory(response, history, size, maxBytes);
      }
      LOG.info("refused a {} byte answer to request {}: more than the {} bytes this transport carries", size,
          response.id(), maxBytes);
      return tooLarge(response.id(), size, maxBytes);
    }
    if (frame instanceof Frame.Event event) {
      return cut(event, size, maxBytes);
    }
    throw new IllegalArgumentException("a gateway never sends " + frame.getClass().getSimpleName() + " frames");
  }

  private static String tooLarge(String id, int size, int maxBytes) {
    return FrameCodec.write(Frame.Response.error(id, new GatewayError(ErrorCodes.INVALID_REQUEST,
        "the answer is " + size + " bytes, more than the " + maxBytes + " bytes this transport carries in one "
            + "message; ask for less",
        Map.of("code", RESPONSE_TOO_LARGE, "size", size, "maxPayload", maxBytes), false, null)));
  }

  /** Leaves out the oldest messages: first by their measured sizes, then one more at a time if escaping differs. */
  private static String trimHistory(Frame.Response response, ChatHistoryResult history, int size, int maxBytes) {
    int excess = size - maxBytes;
    int drop = 0;
    int freed = 0;
    while (drop < history.messages().size() && freed < excess) {
      freed += size(json(history.messages().get(drop))) + 1;
      drop++;
    }
    while (true) {
      ChatHistoryResult trimmed = history.withoutOldest(drop);
      String text = FrameCodec.write(Frame.Response.ok(response.id(), trimmed));
      if (size(text) <= maxBytes) {
        LOG.info("chat.history answer of {} bytes: left out its {} oldest messages to fit {} bytes", size, drop,
            maxBytes);
        return text;
      }
      if (trimmed.messages().isEmpty()) {
        return tooLarge(response.id(), size, maxBytes);
      }
      drop++;
    }
  }

  private static String cut(Frame.Event event, int size, int maxBytes) {
    JsonNode payload = FrameCodec.JSON.valueToTree(event.payload());
    int current = size;
    for (int i = 0; i < MAX_CUTS && current > maxBytes; i++) {
      Longest longest = new Longest();
      longest.search(null, null, -1, payload);
      if (longest.value == null || longest.bytes <= CUT_SLACK) {
        break;
      }
      int keep = Math.max(0, longest.bytes - (current - maxBytes) - CUT_SLACK);
      String kept = prefix(longest.value, keep);
      longest.replace(TextNode.valueOf(kept + String.format(CUT_NOTE, longest.bytes - size(kept), maxBytes)));
      current = size(FrameCodec.write(Frame.Event.of(event.event(), payload, event.seq())));
    }
    if (current > maxBytes) {
      // Nothing long enough to cut (e.g. thousands of small entries): say what it was, nothing more.
      ObjectNode note = FrameCodec.JSON.createObjectNode();
      payload.fields().forEachRemaining(field -> {
        if (field.getValue().isValueNode() && size(field.getValue().asText()) < 256) {
          note.set(field.getKey(), field.getValue());
        }
      });
      note.put("cut", String.format(CUT_NOTE, size, maxBytes));
      payload = note;
    }
    LOG.info("cut a {} byte {} event to fit the {} bytes this transport carries", size, event.event(), maxBytes);
    return FrameCodec.write(Frame.Event.of(event.event(), payload, event.seq()));
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, never splitting a pair. */
  private static String prefix(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + width > maxBytes) {
        break;
      }
      bytes += width;
      i += Character.charCount(codePoint);
    }
    return text.substring(0, i);
  }

  private static String json(Object value) {
    try {
      return FrameCodec.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static int size(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest string in a tree, and where it sits. */
  private static final class Longest {
    String value;
    int bytes = -1;
    JsonNode parent;
    String field;
    int index;

    void search(JsonNode parentNode, String fieldName, int position, JsonNode node) {
      if (node.isTextual()) {
        int length = size(node.textValue());
        if (length > bytes) {
          value = node.textValue();
          bytes = length;
          parent = parentNode;
          field = fieldName;
          index = position;
        }
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> child = it.next();
          search(node, child.getKey(), -1, child.getValue());
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          search(node, null, i, node.get(i));
        }
      }
    }

    void replace(TextNode replacement) {
      if (parent instanceof ObjectNode object) {
        object.set(field, replacement);
      } else if (parent instanceof ArrayNode array) {
        array.set(index, replacement);
      }
    }
  }
}
