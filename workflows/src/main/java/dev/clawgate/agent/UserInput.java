package dev.clawgate.agent;

/** A user message given to a model step: the message's own run id names its transcript entry. */
public record UserInput(String runId, String text, long acceptedAtMs) {}
