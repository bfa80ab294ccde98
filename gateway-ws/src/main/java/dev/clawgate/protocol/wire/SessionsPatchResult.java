package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Answer of {@code sessions.patch}: the session's queue policy now. */
@JsonClassDescription("Response to sessions.patch: the session's queue policy now.")
public record SessionsPatchResult(boolean ok, @NotEmpty String key, @NotNull Queue queue) {

  /** A session's queue policy. */
  public record Queue(@NotNull QueueModeName mode, long debounceMs, int cap, @NotNull DropPolicyName drop) {}
}
