package dev.clawgate.methods;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.session.RunOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns run events into the payloads of OpenClaw's {@code agent} and {@code chat} events. Kept in one place
 * so the two streams of the same run always agree.
 */
final class EventPayloads {

  private EventPayloads() {}

  /** The {@code agent} event payload: {@code {runId, seq, stream, ts, data, sessionKey, agentId}}. */
  static Map<String, Object> agentEvent(RunEvent event, long seq, String textSoFar) {
    String stream;
    Map<String, Object> data = new LinkedHashMap<>();
    if (event instanceof RunEvent.Started) {
      stream = "lifecycle";
      data.put("phase", "start");
      data.put("startedAt", event.ts());
    } else if (event instanceof RunEvent.AssistantDelta) {
      stream = "assistant";
      data.put("text", textSoFar);
      data.put("delta", ((RunEvent.AssistantDelta) event).delta());
    } else if (event instanceof RunEvent.ToolStarted) {
      RunEvent.ToolStarted tool = (RunEvent.ToolStarted) event;
      stream = "tool";
      data.put("phase", "start");
      data.put("name", tool.name());
      data.put("toolCallId", tool.callId());
      data.put("args", tool.arguments());
    } else if (event instanceof RunEvent.ToolFinished) {
      RunEvent.ToolFinished tool = (RunEvent.ToolFinished) event;
      stream = "tool";
      data.put("phase", "result");
      data.put("name", tool.name());
      data.put("toolCallId", tool.callId());
      data.put("result", tool.output());
      data.put("isError", tool.isError());
    } else {
      RunOutcome outcome = ((RunEvent.Ended) event).outcome();
      stream = "lifecycle";
      data.put("phase", outcome.ok() ? "end" : "error");
      data.put("endedAt", outcome.endedAtMs());
      if (!outcome.ok()) {
        data.put("error", outcome.error());
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("runId", event.runId());
    payload.put("seq", seq);
    payload.put("stream", stream);
    payload.put("ts", event.ts());
    payload.put("data", data);
    payload.put("sessionKey", event.sessionKey());
    payload.put("agentId", event.agentId());
    return payload;
  }

  /** The {@code chat} event payload, or null for run events the chat stream does not show. */
  static Map<String, Object> chatEvent(RunEvent event, long seq, String textSoFar) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("runId", event.runId());
    payload.put("sessionKey", event.sessionKey());
    payload.put("seq", seq);
    if (event instanceof RunEvent.AssistantDelta) {
      payload.put("state", "delta");
      payload.put("deltaText", ((RunEvent.AssistantDelta) event).delta());
      payload.put("message", assistantMessage(textSoFar, event.ts()));
      return payload;
    }
    if (event instanceof RunEvent.Ended) {
      RunOutcome outcome = ((RunEvent.Ended) event).outcome();
      if (outcome.ok()) {
        payload.put("state", "final");
        payload.put("stopReason", "stop");
        payload.put("message", assistantMessage(outcome.text(), outcome.endedAtMs()));
        payload.put("usage", Map.of("input", outcome.inputTokens(), "output", outcome.outputTokens()));
      } else {
        payload.put("state", RunOutcome.ABORTED.equals(outcome.status()) ? "aborted" : "error");
        payload.put("errorMessage", outcome.error());
      }
      return payload;
    }
    return null;
  }

  static Map<String, Object> assistantMessage(String text, long ts) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", List.of(Map.of("type", "text", "text", text == null ? "" : text)));
    message.put("timestamp", ts);
    return message;
  }

  /** The final {@code agent} response: {@code {runId, status, summary, result{payloads, meta}}}. */
  static Map<String, Object> agentFinal(RunOutcome outcome, String agentId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("runId", outcome.runId());
    payload.put("status", outcome.ok() ? "ok" : outcome.status());
    payload.put("summary", outcome.ok() ? "completed" : outcome.error());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("durationMs", outcome.durationMs());
    meta.put("agentMeta", Map.of("sessionKey", outcome.sessionKey(), "agentId", agentId,
        "usage", Map.of("input", outcome.inputTokens(), "output", outcome.outputTokens())));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("payloads", outcome.ok() ? List.of(Map.of("text", outcome.text())) : List.of());
    result.put("meta", meta);
    payload.put("result", result);
    if (!outcome.ok()) {
      payload.put("error", outcome.error());
    }
    return payload;
  }
}
