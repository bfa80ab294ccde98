package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code sessions.list}, most recently updated first. */
@JsonClassDescription("Response to sessions.list.")
public record SessionsListResult(long ts, int count, @NotNull List<SessionRow> sessions) {}
