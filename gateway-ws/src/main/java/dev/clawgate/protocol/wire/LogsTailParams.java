package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Params of {@code logs.tail}. */
@JsonClassDescription("Params of logs.tail: the newest log lines after cursor.")
public record LogsTailParams(
    @Min(0) @JsonPropertyDescription("the cursor of the last line already seen; absent: the newest lines") Long cursor,
    @Min(1) @Max(1000) @JsonPropertyDescription("at most this many lines (default 200)") Integer limit) {}
