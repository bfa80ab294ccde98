package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code agent.wait}; only {@code runId} and {@code status} when it timed out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Response to agent.wait.")
public record AgentWaitResult(
    @NotEmpty String runId,
    @NotEmpty @JsonPropertyDescription("ok | error | aborted | timeout") String status,
    Long startedAt,
    Long endedAt,
    String error) {}
