package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Payload of the {@code tick} event, sent every {@code policy.tickIntervalMs} to keep clients' watchdogs fed. */
@JsonClassDescription("Payload of the tick event, sent every hello-ok.policy.tickIntervalMs.")
public record TickEvent(long ts) {}
