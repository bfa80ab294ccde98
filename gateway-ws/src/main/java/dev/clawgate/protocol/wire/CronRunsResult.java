package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code cron.runs}: one page of finished runs, entries in OpenClaw's {@code CronRunLogEntry} shape. */
@JsonClassDescription("Response to cron.runs: one page of finished runs.")
public record CronRunsResult(
    @NotNull List<Entry> entries,
    int total,
    int offset,
    int limit,
    boolean hasMore,
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("the offset of the next page; null when hasMore is false") Integer nextOffset) {

  /** One finished run; optional fields are omitted when unset. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      @JsonPropertyDescription("when the run ended, epoch milliseconds") long ts,
      @NotEmpty String jobId,
      String jobName,
      @NotEmpty @JsonPropertyDescription("always finished") String action,
      @NotEmpty @JsonPropertyDescription("ok, error or skipped") String status,
      String error,
      String summary,
      String deliveryStatus,
      @JsonPropertyDescription("present with deliveryStatus: true when it is delivered") Boolean delivered,
      String deliveryError,
      String sessionKey,
      @NotEmpty String runId,
      @JsonPropertyDescription("when the run started, epoch milliseconds") long runAtMs,
      long durationMs) {}
}
