package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code chat.abort}. */
@JsonClassDescription("Params of chat.abort: stop the session's running turn (or the named run).")
public record ChatAbortParams(
    @NotEmpty String sessionKey,
    @JsonPropertyDescription("only this run; absent: whatever runs now") String runId,
    @JsonPropertyDescription("accepted, not used yet") String agentId) {}
