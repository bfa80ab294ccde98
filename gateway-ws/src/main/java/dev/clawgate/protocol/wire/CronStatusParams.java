package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Params of {@code cron.status}. */
@JsonClassDescription("Params of cron.status: optionally one job.")
public record CronStatusParams(String id, String jobId) {}
