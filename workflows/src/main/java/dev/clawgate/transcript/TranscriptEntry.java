package dev.clawgate.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of a session's append-only transcript. Ids are derived from the run id and the step
 * ({@link EntryIds}), so writing the same entry again (an activity retry) is recognised and skipped.
 *
 * @param type {@code message} or {@code reset}
 * @param role for messages: {@code user}, {@code assistant} or {@code toolResult}
 * @param toolCalls the tool calls an assistant message asked for
 * @param toolCallId for a tool result: the call it answers
 * @param stopReason for an assistant message: {@code stop}, {@code toolUse}, {@code error} or {@code aborted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscriptEntry(
    String id,
    String parentId,
    String type,
    String role,
    String text,
    String runId,
    List<ToolCall> toolCalls,
    String toolCallId,
    String toolName,
    Boolean isError,
    String stopReason,
    Long inputTokens,
    Long outputTokens,
    long ts) {

  public static final String MESSAGE = "message";
  public static final String RESET = "reset";
  /** A tool call about to run: what makes a retried tool activity refuse to run the tool a second time. */
  public static final String TOOL_STARTED = "toolStarted";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  public static final String TOOL_RESULT = "toolResult";
  public static final String ABORTED = "aborted";

  public static TranscriptEntry user(String runId, String text, long ts) {
    return new TranscriptEntry(EntryIds.user(runId), null, MESSAGE, USER, text, runId,
        null, null, null, null, null, null, null, ts);
  }

  public static TranscriptEntry assistant(String runId, int step, String text, List<ToolCall> toolCalls,
      String stopReason, long inputTokens, long outputTokens, long ts) {
    return new TranscriptEntry(EntryIds.assistant(runId, step), null, MESSAGE, ASSISTANT, text, runId,
        toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls), null, null, null,
        stopReason, inputTokens, outputTokens, ts);
  }

  /** The partial output of a step that was interrupted or aborted; kept for the record, not shown to models. */
  public static TranscriptEntry abortedPartial(String runId, int step, String text, long ts) {
    return new TranscriptEntry(EntryIds.abortedPartial(runId, step), null, MESSAGE, ASSISTANT, text, runId,
        null, null, null, true, ABORTED, null, null, ts);
  }

  /** The one closing entry of a run that did not end normally, so every accepted message has one reply. */
  public static TranscriptEntry failure(String runId, String status, String message, long ts) {
    return new TranscriptEntry(EntryIds.failure(runId), null, MESSAGE, ASSISTANT, message, runId,
        null, null, null, true, status, null, null, ts);
  }

  public static TranscriptEntry toolResult(String runId, int step, ToolCall call, String output,
      boolean isError, long ts) {
    return new TranscriptEntry(EntryIds.toolResult(runId, step, call.id()), null, MESSAGE, TOOL_RESULT, output,
        runId, null, call.id(), call.name(), isError, null, null, null, ts);
  }

  public static TranscriptEntry toolStarted(String runId, int step, ToolCall call, long ts) {
    return new TranscriptEntry(EntryIds.toolStarted(runId, step, call.id()), null, TOOL_STARTED, null, null, runId,
        null, call.id(), call.name(), null, null, null, null, ts);
  }

  public static TranscriptEntry reset(String runId, long ts) {
    return new TranscriptEntry(EntryIds.reset(runId), null, RESET, null, null, runId,
        null, null, null, null, null, null, null, ts);
  }

  public TranscriptEntry withParentId(String parent) {
    return new TranscriptEntry(id, parent, type, role, text, runId, toolCalls, toolCallId, toolName, isError,
        stopReason, inputTokens, outputTokens, ts);
  }

  public boolean isMessage(String wantedRole) {
    return MESSAGE.equals(type) && wantedRole.equals(role);
  }
}
