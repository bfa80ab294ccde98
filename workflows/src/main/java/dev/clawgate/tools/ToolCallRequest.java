package dev.clawgate.tools;

import dev.clawgate.transcript.ToolCall;

/** One tool call of a run's step, with what is needed to make its transcript entry idempotent. */
public record ToolCallRequest(String sessionKey, String agentId, String runId, int step, ToolCall call) {}
