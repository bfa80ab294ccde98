package dev.clawgate.agent;

import dev.clawgate.transcript.ToolCall;
import java.util.List;

/** What a model call decided: final text, or tool calls to run before the next step. */
public record ModelStepResult(String text, List<ToolCall> toolCalls, long inputTokens, long outputTokens) {

  public ModelStepResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    text = text == null ? "" : text;
  }

  public boolean isFinal() {
    return toolCalls.isEmpty();
  }
}
