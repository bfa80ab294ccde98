package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Answer of {@code sessions.reset}; the reset is queued behind runs already accepted. */
@JsonClassDescription("Response to sessions.reset.")
public record SessionsResetResult(
    boolean ok,
    @NotEmpty String key,
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("the session as it is before the reset takes effect; null for a new session")
    SessionRow entry,
    @NotNull Resolved resolved) {

  /** What the reset resolved to. */
  public record Resolved(@NotEmpty String key, @NotEmpty String agentId, @NotEmpty String resetId, int queuePosition) {}
}
