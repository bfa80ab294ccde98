package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Answer of {@code cron.remove}; an unknown id is an error, so {@code removed} is always true. */
@JsonClassDescription("Response to cron.remove.")
public record CronRemoveResult(boolean ok, boolean removed) {}
