package dev.clawgate.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{body.field}}} and {@code {{body.a.b}}} placeholders from a JSON body: text as it is, other
 * values as JSON, missing ones as nothing.
 */
final class HookTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*body((?:\\.[A-Za-z0-9_-]+)*)\\s*}}");

  private HookTemplate() {}

  static String render(String template, JsonNode body) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      JsonNode value = body;
      for (String part : matcher.group(1).split("\\.")) {
        if (!part.isEmpty()) {
          value = value == null ? null : value.get(part);
        }
      }
      String text = value == null || value.isNull() || value.isMissingNode() ? ""
          : value.isTextual() ? value.asText() : value.toString();
      matcher.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
