package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotEmpty;

/** Payload of the {@code connect.challenge} event the gateway sends as soon as a socket opens. */
@JsonClassDescription("Payload of the connect.challenge event, sent when a socket opens; device signatures sign the"
    + " nonce.")
public record ConnectChallenge(@NotEmpty String nonce, long ts) {}
