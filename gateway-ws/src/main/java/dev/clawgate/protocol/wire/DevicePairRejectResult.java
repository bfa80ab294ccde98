package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code device.pair.reject}; the device stays unpaired. */
@JsonClassDescription("Response to device.pair.reject.")
public record DevicePairRejectResult(@NotEmpty String requestId, @NotEmpty String deviceId) {}
