package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code health}. */
@JsonClassDescription("Params of health.")
public record HealthParams(@JsonPropertyDescription("accepted, not used yet: there are no channels to probe")
    Boolean probe) {}
