package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code set-heartbeats}. */
@JsonClassDescription("Response to set-heartbeats.")
public record SetHeartbeatsResult(boolean ok, boolean enabled, @NotNull List<Agent> agents) {

  /** One agent's heartbeat now. */
  public record Agent(@NotEmpty String agentId, boolean enabled, long everyMs) {}
}
