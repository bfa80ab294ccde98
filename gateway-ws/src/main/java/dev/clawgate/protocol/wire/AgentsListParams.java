package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code agents.list}: none. */
@JsonClassDescription("Params of agents.list: none.")
public record AgentsListParams() {}
