package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code cron.run} when the run was started; its outcome shows in {@code cron.runs} and cron events. */
@JsonClassDescription("Response to cron.run when a run was enqueued.")
public record CronRunEnqueued(
    boolean ok,
    @JsonPropertyDescription("always true") boolean enqueued,
    @NotEmpty @JsonPropertyDescription("the run's id, as cron.runs and cron events show it") String runId) {}
