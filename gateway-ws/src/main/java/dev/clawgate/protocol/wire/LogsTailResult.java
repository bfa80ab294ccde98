package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code logs.tail}; pass {@code cursor} back to follow the log. */
@JsonClassDescription("Response to logs.tail.")
public record LogsTailResult(
    @JsonPropertyDescription("the newest line's cursor: pass it back as params.cursor to get only newer lines")
    long cursor,
    @NotNull @JsonPropertyDescription("the lines after the requested cursor, oldest first") List<String> lines,
    @JsonPropertyDescription("true when lines after the requested cursor were already dropped from the buffer")
    boolean truncated) {}
