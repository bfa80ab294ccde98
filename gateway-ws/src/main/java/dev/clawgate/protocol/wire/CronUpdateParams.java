package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code cron.update}: the job and the fields to change. */
@JsonClassDescription("Params of cron.update: id (or jobId) and a patch of job fields.")
public record CronUpdateParams(String id, String jobId,
    @JsonPropertyDescription("the job fields to change") Object patch) {}
