package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Answer of {@code device.pair.approve}: the device as now paired. */
@JsonClassDescription("Response to device.pair.approve.")
public record DevicePairApproveResult(@NotEmpty String requestId, @NotNull DevicePairListResult.Device device) {}
