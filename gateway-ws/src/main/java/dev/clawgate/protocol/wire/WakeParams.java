package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code wake}: run a heartbeat now in the agent's main session. */
@JsonClassDescription("Params of wake: run a heartbeat now in an agent's main session.")
public record WakeParams(
    @JsonPropertyDescription("absent: the default agent") String agentId,
    @JsonPropertyDescription("a system event the heartbeat sees") String text,
    @JsonPropertyDescription("accepted; the heartbeat runs now either way") Mode mode,
    @JsonPropertyDescription("accepted, not used yet: heartbeats run in the main session") String sessionKey) {

  /** When OpenClaw would run the wake. */
  public enum Mode {
    @JsonProperty("now") NOW,
    @JsonProperty("next-heartbeat") NEXT_HEARTBEAT
  }
}
