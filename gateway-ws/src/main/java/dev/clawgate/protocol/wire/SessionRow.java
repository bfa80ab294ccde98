package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** One session as {@code sessions.list} and {@code sessions.reset} show it. */
@JsonClassDescription("One session, as sessions.list and sessions.reset show it.")
public record SessionRow(
    @NotEmpty String key,
    String sessionId,
    String agentId,
    @JsonPropertyDescription("direct for agent:... keys, else the key's first part (cron, hook, ...)") String kind,
    long createdAt,
    long updatedAt,
    long inputTokens,
    long outputTokens,
    long totalTokens,
    long turns,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lastRunId) {}
