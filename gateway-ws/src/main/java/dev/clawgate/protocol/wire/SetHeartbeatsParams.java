package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotNull;

/** Params of {@code set-heartbeats}. */
@JsonClassDescription("Params of set-heartbeats: switch heartbeats on or off, keeping interval and prompt.")
public record SetHeartbeatsParams(
    @NotNull Boolean enabled,
    @JsonPropertyDescription("one agent; absent: every agent") String agentId) {}
