package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** Payload of the {@code agent} event: one step of a run's stream. */
@JsonClassDescription("Payload of the agent event: one item of a run's stream.")
public record AgentEvent(
    @NotEmpty String runId,
    @JsonPropertyDescription("per run, increasing") long seq,
    @NotEmpty @JsonPropertyDescription("lifecycle | assistant | tool") String stream,
    long ts,
    @NotNull
    @JsonPropertyDescription("lifecycle: {phase: start|end|error, startedAt|endedAt, error?}; assistant: {text"
        + " (so far), delta}; tool: {phase: start|result, name, toolCallId, args | result, isError}")
    Map<String, Object> data,
    String sessionKey,
    String agentId) {}
