package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Answer of {@code cron.list}: OpenClaw's inventory page. Its CLI refuses a page without all six page fields, and
 * wants {@code nextOffset} null (present) when {@code hasMore} is false.
 */
@JsonClassDescription("Response to cron.list: one page of jobs, soonest next run first.")
public record CronListResult(
    @NotNull List<CronJobView> jobs,
    @JsonPropertyDescription("how many jobs match the filters") int total,
    int offset,
    int limit,
    boolean hasMore,
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("the offset of the next page; null when hasMore is false") Integer nextOffset,
    @NotEmpty @JsonPropertyDescription("changes whenever a job is added, changed or removed") String snapshotRevision) {}
