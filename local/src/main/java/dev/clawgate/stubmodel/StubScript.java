package dev.clawgate.stubmodel;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an OpenAI chat-completions request body into a {@link StubPlan}: the stub's whole "intelligence".
 *
 * <p>Rules, applied to the LAST message of the request:
 * <ul>
 *   <li>a {@code tool} message (a tool result) is answered with {@code tool result: <its content>};</li>
 *   <li>a {@code user} message holding {@code #tool <name> <json-args>} (the JSON runs to the end of that line)
 *       is answered with one call of that tool, provided the request offers a function tool of that name;</li>
 *   <li>anything else is answered with {@code echo: <the message text>}.</li>
 * </ul>
 * {@code #slow <ms>} and {@code #fail <n>} are read from the last {@code user} message of the request, wherever
 * it sits, so a test can keep every step of one turn slow (or failing) with a single directive.
 */
final class StubScript {

  private static final Pattern TOOL = Pattern.compile("#tool[ \\t]+(\\S+)[ \\t]+([^\\r\\n]*)");
  private static final Pattern SLOW = Pattern.compile("#slow[ \\t]+(\\d{1,9})");
  private static final Pattern FAIL = Pattern.compile("#fail[ \\t]+(\\d{1,9})");
  private static final Pattern WORD = Pattern.compile("\\S+\\s*");

  private StubScript() {
  }

  /** Thrown for a request the stub refuses; the server maps it to HTTP 400 invalid_request_error. */
  static final class InvalidRequest extends Exception {
    InvalidRequest(String message) {
      super(message);
    }
  }

  static StubPlan plan(JsonNode body) throws InvalidRequest {
    if (body == null || !body.isObject()) {
      throw new InvalidRequest("request body must be a JSON object");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new InvalidRequest("'messages' is a required array");
    }
    if (messages.isEmpty()) {
      throw new InvalidRequest("'messages' must contain at least one message");
    }
    for (JsonNode message : messages) {
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw new InvalidRequest("every message must be an object with a string 'role'");
      }
    }

    String model = body.path("model").isTextual() ? body.get("model").asText() : "stub";
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);

    long chars = 0;
    for (JsonNode message : messages) {
      chars += textOf(message.get("content")).length();
    }
    int promptTokens = (int) Math.max(1, Math.min(Integer.MAX_VALUE, chars / 4));

    JsonNode last = messages.get(messages.size() - 1);
    String lastRole = last.get("role").asText();
    String lastText = textOf(last.get("content"));
    String lastUserText = lastUserText(messages);

    StubPlan.Reply reply = reply(lastRole, lastText, offeredTools(body.get("tools")));

    long slowMs = -1;
    String failDirective = null;
    int failTimes = 0;
    if (lastUserText != null) {
      Matcher slow = SLOW.matcher(lastUserText);
      if (slow.find()) {
        slowMs = Long.parseLong(slow.group(1));
      }
      Matcher fail = FAIL.matcher(lastUserText);
      if (fail.find()) {
        failTimes = Integer.parseInt(fail.group(1));
        // Counted per distinct message text, so two tests using "#fail 1" in different messages do not
        // consume each other's failures.
        failDirective = fail.group() + "\u0000" + lastUserText;
      }
    }
    return new StubPlan(model, stream, includeUsage, promptTokens, reply, slowMs, failDirective, failTimes);
  }

  private static StubPlan.Reply reply(String role, String text, Set<String> tools) {
    if (role.equals("tool") || role.equals("function")) {
      return textReply("tool result: " + text);
    }
    if (role.equals("user")) {
      Matcher tool = TOOL.matcher(text);
      while (tool.find()) {
        if (tools.contains(tool.group(1))) {
          return new StubPlan.ToolCallReply(tool.group(1), tool.group(2).strip());
        }
      }
    }
    return textReply("echo: " + text);
  }

  private static StubPlan.TextReply textReply(String text) {
    return new StubPlan.TextReply(text, words(text));
  }

  /**
   * Splits text into stream tokens: each a word with its following whitespace; leading whitespace is glued to
   * the first token. The tokens concatenate back to exactly {@code text}.
   */
  static List<String> words(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      tokens.add(tokens.isEmpty() ? text.substring(0, m.end()) : m.group());
    }
    if (tokens.isEmpty() && !text.isEmpty()) {
      tokens.add(text); // whitespace only
    }
    return tokens;
  }

  /** The text of a message {@code content}: a string, or the concatenated {@code text} parts of an array. */
  static String textOf(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          sb.append(part.asText());
        } else if (part.path("text").isTextual()) {
          sb.append(part.get("text").asText());
        }
      }
      return sb.toString();
    }
    return content.toString();
  }

  private static String lastUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if ("user".equals(message.get("role").asText())) {
        return textOf(message.get("content"));
      }
    }
    return null;
  }

  private static Set<String> offeredTools(JsonNode tools) {
    Set<String> names = new HashSet<>();
    if (tools != null && tools.isArray()) {
      for (JsonNode tool : tools) {
        JsonNode name = tool.path("function").path("name");
        if (name.isTextual()) {
          names.add(name.asText());
        }
      }
    }
    return names;
  }
}
