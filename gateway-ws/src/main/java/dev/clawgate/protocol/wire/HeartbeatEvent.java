package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/**
 * Payload of the {@code heartbeat} event and answer of {@code last-heartbeat}; for an agent that has had no
 * heartbeat yet only {@code agentId} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Payload of the heartbeat event, and the answer of last-heartbeat (only agentId when there"
    + " has been none).")
public record HeartbeatEvent(
    @NotEmpty String agentId,
    Long ts,
    @JsonPropertyDescription("ok-token (nothing to report) | sent | skipped | failed") String status,
    String sessionKey,
    String runId,
    Long durationMs,
    @JsonPropertyDescription("the start of the reply, unless it was the ok token") String preview) {

  public static HeartbeatEvent none(String agentId) {
    return new HeartbeatEvent(agentId, null, null, null, null, null, null);
  }
}
