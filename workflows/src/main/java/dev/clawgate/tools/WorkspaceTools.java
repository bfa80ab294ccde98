package dev.clawgate.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The first tools: {@code read}, {@code write} and {@code edit}, all confined to one {@link Workspace}.
 * A bad argument or a refused path is a tool error the model sees and can correct, not a failed run.
 */
public final class WorkspaceTools {

  /** Larger files are cut, so one read cannot flood the model's context or the activity payload. */
  public static final int MAX_READ_CHARS = 128 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final List<ToolSpecification> SPECIFICATIONS = List.of(
      ToolSpecification.builder()
          .name("read")
          .description("Read a UTF-8 text file from the workspace.")
          .parameters(JsonObjectSchema.builder()
              .addStringProperty("path", "File path relative to the workspace")
              .required("path")
              .build())
          .build(),
      ToolSpecification.builder()
          .name("write")
          .description("Create or overwrite a UTF-8 text file in the workspace.")
          .parameters(JsonObjectSchema.builder()
              .addStringProperty("path", "File path relative to the workspace")
              .addStringProperty("content", "The whole new content of the file")
              .required("path", "content")
              .build())
          .build(),
      ToolSpecification.builder()
          .name("edit")
          .description("Replace one exact occurrence of oldText with newText in a workspace file.")
          .parameters(JsonObjectSchema.builder()
              .addStringProperty("path", "File path relative to the workspace")
              .addStringProperty("oldText", "Text to find; must occur exactly once")
              .addStringProperty("newText", "Replacement text")
              .required("path", "oldText", "newText")
              .build())
          .build());

  private final Workspace workspace;

  public WorkspaceTools(Workspace workspace) {
    this.workspace = workspace;
  }

  public ToolResult run(String name, String argumentsJson) {
    JsonNode args;
    try {
      args = JSON.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
    } catch (IOException e) {
      return ToolResult.error("arguments are not valid JSON: " + e.getMessage());
    }
    if (!args.isObject()) {
      return ToolResult.error("arguments must be a JSON object");
    }
    try {
      switch (name) {
        case "read":
          return read(text(args, "path"));
        case "write":
          return write(text(args, "path"), text(args, "content"));
        case "edit":
          return edit(text(args, "path"), text(args, "oldText"), text(args, "newText"));
        default:
          return ToolResult.error("unknown tool: " + name);
      }
    } catch (WorkspaceEscapeException | MissingArgumentException e) {
      return ToolResult.error(e.getMessage());
    } catch (IOException e) {
      return ToolResult.error(name + " failed: " + e);
    }
  }

  private ToolResult read(String path) throws IOException {
    Path file = workspace.resolve(path);
    if (!Files.isRegularFile(file)) {
      return ToolResult.error("no such file: " + path);
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (content.length() > MAX_READ_CHARS) {
      return ToolResult.ok(content.substring(0, MAX_READ_CHARS)
          + "\n[truncated: file has " + content.length() + " characters]");
    }
    return ToolResult.ok(content);
  }

  private ToolResult write(String path, String content) throws IOException {
    Path file = workspace.resolve(path);
    if (Files.isDirectory(file)) {
      // The temporary file goes beside the target: for the workspace folder itself that would be outside it.
      return ToolResult.error("path is a directory, not a file: " + path);
    }
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return ToolResult.ok("wrote " + content.getBytes(StandardCharsets.UTF_8).length + " bytes to "
        + workspace.display(file));
  }

  private ToolResult edit(String path, String oldText, String newText) throws IOException {
    Path file = workspace.resolve(path);
    if (!Files.isRegularFile(file)) {
      return ToolResult.error("no such file: " + path);
    }
    if (oldText.isEmpty()) {
      return ToolResult.error("oldText is empty");
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    int first = content.indexOf(oldText);
    if (first < 0) {
      return ToolResult.error("oldText not found in " + path);
    }
    if (content.indexOf(oldText, first + 1) >= 0) {
      return ToolResult.error("oldText occurs more than once in " + path + "; include more context");
    }
    String updated = content.substring(0, first) + newText + content.substring(first + oldText.length());
    return write(path, updated);
  }

  private static String text(JsonNode args, String field) {
    JsonNode value = args.get(field);
    if (value == null || !value.isTextual()) {
      throw new MissingArgumentException(field);
    }
    return value.asText();
  }

  private static final class MissingArgumentException extends RuntimeException {
    MissingArgumentException(String field) {
      super("missing string argument '" + field + "'");
    }
  }
}
