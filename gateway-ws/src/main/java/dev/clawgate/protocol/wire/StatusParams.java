package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code status}. */
@JsonClassDescription("Params of status.")
public record StatusParams(
    @JsonPropertyDescription("accepted, not used yet") Boolean includeChannelSummary,
    @JsonPropertyDescription("accepted, not used yet") Boolean includeCliProjection) {}
