package dev.clawgate.protocol.wire;

/** Token counts of a run, as the model reported them. */
public record Usage(long input, long output) {}
