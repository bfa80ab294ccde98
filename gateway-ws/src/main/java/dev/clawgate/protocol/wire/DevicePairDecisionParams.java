package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code device.pair.approve} and {@code device.pair.reject}. */
@JsonClassDescription("Params of device.pair.approve and device.pair.reject.")
public record DevicePairDecisionParams(
    @NotEmpty @JsonPropertyDescription("the pending request, from device.pair.list") String requestId) {}
