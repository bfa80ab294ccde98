package dev.clawgate.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clawgate.transcript.ToolCall;
import java.util.List;

/** What a model call decided: final text, or tool calls to run before the next step. */
public record ModelStepResult(String text, List<ToolCall> toolCalls, long inputTokens, long outputTokens) {

  public ModelStepResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    text = text == null ? "" : text;
  }

  @JsonIgnore // derived; Temporal's Jackson mapper rejects unknown properties on the way back
  public boolean isFinal() {
    return toolCalls.isEmpty();
  }
}
