package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Params of {@code cron.list} (OpenClaw's paging and filters). */
@JsonClassDescription("Params of cron.list: one page of jobs.")
public record CronListParams(
    @JsonPropertyDescription("show disabled jobs too") Boolean includeDisabled,
    @Min(1) @Max(200) Integer limit,
    @Min(0) Integer offset,
    @JsonPropertyDescription("filter: true/false, or all") Object enabled,
    String agentId,
    @JsonPropertyDescription("filter on the job name") String query,
    String sortBy,
    String sortDir) {}
