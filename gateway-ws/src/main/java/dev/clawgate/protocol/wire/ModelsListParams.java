package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code models.list}: none. */
@JsonClassDescription("Params of models.list: none.")
public record ModelsListParams() {}
