package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.auth.Scopes;
import dev.clawgate.client.GatewayClient;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clawgate chat history KEY}. */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Read a session's chat.",
    subcommands = ChatCommand.HistoryCommand.class)
public final class ChatCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliFailure.USAGE;
  }

  /** One line per message: time, who, text. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Print a session's transcript.")
  static final class HistoryCommand extends OperatorCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneId.systemDefault());

    @Parameters(index = "0", paramLabel = "KEY", description = "Session key, e.g. main or agent:main:work.")
    String key;

    @Option(names = "--limit", paramLabel = "N", description = "Only the last N transcript entries.")
    Integer limit;

    @Option(names = "--json", description = "Print the chat.history payload as JSON.")
    boolean json;

    @Override
    List<String> scopes() {
      return List.of(Scopes.READ);
    }

    @Override
    void validate() throws CliFailure {
      if (limit != null && limit < 1) {
        throw new CliFailure("--limit must be at least 1, got " + limit, CliFailure.USAGE);
      }
    }

    @Override
    int run(GatewayClient client) throws CliFailure {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("sessionKey", key);
      if (limit != null) {
        params.put("limit", limit);
      }
      JsonNode history = await(client, "chat.history", params);
      if (json) {
        out().println(pretty(history));
        return 0;
      }
      JsonNode messages = history.path("messages");
      if (messages.isEmpty()) {
        out().println("No messages in " + history.path("sessionKey").asText(key) + ".");
        return 0;
      }
      for (JsonNode message : messages) {
        JsonNode ts = message.path("timestamp");
        String when = ts.isNumber() ? "[" + TIME.format(Instant.ofEpochMilli(ts.asLong())) + "] " : "";
        out().println(when + who(message) + ": " + text(message));
      }
      return 0;
    }

    private static String who(JsonNode message) {
      String role = message.path("role").asText("?");
      if ("toolResult".equals(role)) {
        return "tool " + message.path("toolName").asText("?") + (message.path("isError").asBoolean() ? " (error)" : "");
      }
      return role;
    }

    /** Content as a string, or the text blocks of a content array; tool calls an assistant asked for, named. */
    private static String text(JsonNode message) {
      JsonNode content = message.path("content");
      StringBuilder text = new StringBuilder();
      if (content.isTextual()) {
        text.append(content.asText());
      } else {
        for (JsonNode block : content) {
          if (block.path("text").isTextual()) {
            text.append(block.path("text").asText());
          }
        }
      }
      List<String> calls = new ArrayList<>();
      for (JsonNode call : message.path("toolCalls")) {
        calls.add(call.path("name").asText("?"));
      }
      if (!calls.isEmpty()) {
        text.append(text.length() == 0 ? "" : " ").append("[calls ").append(String.join(", ", calls)).append(']');
      }
      return text.toString();
    }
  }
}
