package dev.clawgate.tools;

/** What a tool call produced, as the model will read it; {@code isError} marks refusals and failures. */
public record ToolResult(String output, boolean isError) {

  public static ToolResult ok(String output) {
    return new ToolResult(output, false);
  }

  public static ToolResult error(String message) {
    return new ToolResult(message, true);
  }
}
