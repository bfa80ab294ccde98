package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of the cron methods that name one job ({@code cron.get}, {@code cron.remove}, {@code cron.run}). */
@JsonClassDescription("Params naming one cron job: id (or jobId).")
public record CronJobRefParams(
    @JsonPropertyDescription("the job id; one of id and jobId is required") String id,
    @JsonPropertyDescription("the same as id") String jobId) {}
