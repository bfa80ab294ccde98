package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Params of {@code cron.runs}: the run history, of one job or of all. */
@JsonClassDescription("Params of cron.runs: run history with status, start, duration and error.")
public record CronRunsParams(String id, String jobId, String scope, @Min(1) @Max(200) Integer limit,
    @Min(0) Integer offset, String runId) {}
