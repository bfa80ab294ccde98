package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code wake}. */
@JsonClassDescription("Response to wake.")
public record WakeResult(boolean ok, @NotEmpty String agentId, String runId) {}
