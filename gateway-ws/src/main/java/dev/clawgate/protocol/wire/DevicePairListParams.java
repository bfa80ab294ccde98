package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code device.pair.list}: none. */
@JsonClassDescription("Params of device.pair.list: none.")
public record DevicePairListParams() {}
