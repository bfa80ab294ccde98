package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code last-heartbeat}. */
@JsonClassDescription("Params of last-heartbeat.")
public record LastHeartbeatParams(@JsonPropertyDescription("absent: the default agent") String agentId) {}
