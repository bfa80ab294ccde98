package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code system-presence}: none. */
@JsonClassDescription("Params of system-presence: none.")
public record SystemPresenceParams() {}
