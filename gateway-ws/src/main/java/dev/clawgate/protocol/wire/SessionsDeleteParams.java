package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code sessions.delete}. */
@JsonClassDescription("Params of sessions.delete: close a session and drop it from the index; main sessions refuse.")
public record SessionsDeleteParams(
    @NotEmpty @JsonPropertyDescription("the session to delete") String key,
    @JsonPropertyDescription("accepted, not used yet") String agentId) {}
