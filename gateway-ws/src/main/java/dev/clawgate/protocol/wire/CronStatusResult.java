package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code cron.status}; OpenClaw's CLI prints it as is. */
@JsonClassDescription("Response to cron.status.")
public record CronStatusResult(
    @JsonPropertyDescription("always true: the scheduler runs with the gateway") boolean enabled,
    @NotEmpty @JsonPropertyDescription("where jobs are kept") String storage,
    @NotEmpty @JsonPropertyDescription("what runs the schedule") String scheduler,
    @JsonPropertyDescription("how many jobs exist") int jobs,
    @JsonPropertyDescription("how many of them are enabled") long enabledJobs,
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("the earliest next run of an enabled job, epoch milliseconds; null when none is due")
    Long nextWakeAtMs) {}
