package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code config.get}: none. */
@JsonClassDescription("Params of config.get: none.")
public record ConfigGetParams() {}
