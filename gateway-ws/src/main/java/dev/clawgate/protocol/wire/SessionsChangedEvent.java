package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The {@code sessions.changed} event, to connections that called {@code sessions.subscribe}. */
@JsonClassDescription("sessions.changed event: a session's row changed; refresh it with sessions.list.")
public record SessionsChangedEvent(
    String sessionKey,
    @JsonPropertyDescription("run, reset, patch or delete") String reason,
    long ts) {}
