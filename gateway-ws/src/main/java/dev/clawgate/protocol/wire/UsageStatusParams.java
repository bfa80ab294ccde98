package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code usage.status}: none. */
@JsonClassDescription("Params of usage.status: none.")
public record UsageStatusParams() {}
