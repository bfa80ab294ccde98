package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code sessions.delete}; the deletion is queued behind runs already accepted. */
@JsonClassDescription("Response to sessions.delete.")
public record SessionsDeleteResult(
    boolean ok,
    @NotEmpty @JsonPropertyDescription("the canonical session key") String key,
    @JsonPropertyDescription("always true: the deletion is queued and the row leaves the index once it runs")
    boolean deleted) {}
