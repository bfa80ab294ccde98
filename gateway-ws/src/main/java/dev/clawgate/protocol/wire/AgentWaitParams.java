package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code agent.wait}. */
@JsonClassDescription("Params of agent.wait: wait for a run to end.")
public record AgentWaitParams(
    @NotEmpty String runId,
    @Min(0) @Max(MAX_TIMEOUT_MS) @JsonPropertyDescription("default " + DEFAULT_TIMEOUT_MS) Integer timeoutMs,
    @JsonPropertyDescription("where the run is; needed only for runs this gateway has not seen recently")
    String sessionKey) {

  public static final int DEFAULT_TIMEOUT_MS = 30_000;
  public static final int MAX_TIMEOUT_MS = 600_000;
}
