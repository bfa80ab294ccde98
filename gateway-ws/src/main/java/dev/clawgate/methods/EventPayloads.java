package dev.clawgate.methods;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.protocol.wire.AgentEvent;
import dev.clawgate.protocol.wire.AgentFinal;
import dev.clawgate.protocol.wire.ChatEvent;
import dev.clawgate.protocol.wire.ChatMessage;
import dev.clawgate.protocol.wire.Usage;
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
  static AgentEvent agentEvent(RunEvent event, long seq, String textSoFar) {
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
    return new AgentEvent(event.runId(), seq, stream, event.ts(), data, event.sessionKey(), event.agentId());
  }

  /** The {@code chat} event payload, or null for run events the chat stream does not show. */
  static ChatEvent chatEvent(RunEvent event, long seq, String textSoFar) {
    if (event instanceof RunEvent.AssistantDelta) {
      return ChatEvent.delta(event.runId(), event.sessionKey(), seq, ((RunEvent.AssistantDelta) event).delta(),
          ChatMessage.assistant(textSoFar, event.ts()));
    }
    if (event instanceof RunEvent.Ended) {
      RunOutcome outcome = ((RunEvent.Ended) event).outcome();
      if (outcome.ok()) {
        return ChatEvent.done(event.runId(), event.sessionKey(), seq,
            ChatMessage.assistant(outcome.text(), outcome.endedAtMs()), usage(outcome));
      }
      return ChatEvent.failed(event.runId(), event.sessionKey(), seq, RunOutcome.ABORTED.equals(outcome.status()),
          outcome.error());
    }
    return null;
  }

  /** The final {@code agent} response: {@code {runId, status, summary, result{payloads, meta}}}. */
  static AgentFinal agentFinal(RunOutcome outcome, String agentId) {
    AgentFinal.Meta meta = new AgentFinal.Meta(outcome.durationMs(),
        new AgentFinal.AgentMeta(outcome.sessionKey(), agentId, usage(outcome)));
    AgentFinal.Result result = new AgentFinal.Result(
        outcome.ok() ? List.of(new AgentFinal.Payload(outcome.text())) : List.of(), meta);
    return new AgentFinal(outcome.runId(), outcome.ok() ? "ok" : outcome.status(),
        outcome.ok() ? "completed" : outcome.error(), null, result, outcome.ok() ? null : outcome.error());
  }

  private static Usage usage(RunOutcome outcome) {
    return new Usage(outcome.inputTokens(), outcome.outputTokens());
  }
}
