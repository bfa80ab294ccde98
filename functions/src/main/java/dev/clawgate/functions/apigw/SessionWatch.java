package dev.clawgate.functions.apigw;

/** A connection that hears a session's {@code chat} events, because it sent to or read that session. */
public record SessionWatch(String sessionKey, String connectionId) {}
