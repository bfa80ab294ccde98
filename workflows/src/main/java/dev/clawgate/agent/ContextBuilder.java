package dev.clawgate.agent;

import dev.clawgate.heartbeat.HeartbeatEntries;
import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/** Turns the current part of a transcript into the messages a model is sent. */
final class ContextBuilder {

  private ContextBuilder() {}

  /**
   * @param currentRunId the run being answered: its own heartbeat prompt is shown, those of earlier heartbeats
   *     (and their ack-only replies) are not
   */
  static List<ChatMessage> build(String systemPrompt, List<TranscriptEntry> entries, String currentRunId) {
    List<ChatMessage> messages = new ArrayList<>(entries.size() + 1);
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(SystemMessage.from(systemPrompt));
    }
    for (TranscriptEntry entry : entries) {
      if (HeartbeatEntries.hidden(entry) && !currentRunId.equals(entry.runId())) {
        continue;
      }
      if (entry.isMessage(TranscriptEntry.USER)) {
        messages.add(UserMessage.from(entry.text()));
      } else if (entry.isMessage(TranscriptEntry.ASSISTANT) && !Boolean.TRUE.equals(entry.isError())) {
        messages.add(assistant(entry));
      } else if (entry.isMessage(TranscriptEntry.TOOL_RESULT)) {
        messages.add(ToolExecutionResultMessage.from(entry.toolCallId(), entry.toolName(), entry.text()));
      }
    }
    return messages;
  }

  private static AiMessage assistant(TranscriptEntry entry) {
    if (entry.toolCalls() == null || entry.toolCalls().isEmpty()) {
      return AiMessage.from(entry.text() == null ? "" : entry.text());
    }
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (ToolCall call : entry.toolCalls()) {
      requests.add(ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments()).build());
    }
    return AiMessage.builder()
        .text(entry.text() == null || entry.text().isEmpty() ? null : entry.text())
        .toolExecutionRequests(requests)
        .build();
  }
}
