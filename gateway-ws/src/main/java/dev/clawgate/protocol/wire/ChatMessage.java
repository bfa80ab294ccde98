package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clawgate.transcript.ToolCall;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A transcript message as chat clients render it: role, content blocks, timestamp. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A transcript message as chat clients render it.")
public record ChatMessage(
    String id,
    @NotEmpty @JsonPropertyDescription("user | assistant | toolResult") String role,
    @NotNull List<ContentBlock> content,
    long timestamp,
    String runId,
    String toolCallId,
    String toolName,
    List<ToolCall> toolCalls,
    String stopReason,
    Boolean isError) {

  /** One block of content; Clawgate writes text blocks. */
  public record ContentBlock(@NotEmpty String type, String text) {
    public static ContentBlock text(String text) {
      return new ContentBlock("text", text == null ? "" : text);
    }
  }

  /** An assistant message with only text, as chat events carry it. */
  public static ChatMessage assistant(String text, long ts) {
    return new ChatMessage(null, "assistant", List.of(ContentBlock.text(text)), ts, null, null, null, null, null,
        null);
  }
}
