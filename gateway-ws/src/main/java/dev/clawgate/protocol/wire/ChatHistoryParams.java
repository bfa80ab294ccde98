package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code chat.history}. */
@JsonClassDescription("Params of chat.history: the latest messages of a session's current transcript.")
public record ChatHistoryParams(
    @NotEmpty String sessionKey,
    @Min(1) @Max(MAX_LIMIT) @JsonPropertyDescription("default " + DEFAULT_LIMIT) Integer limit,
    @JsonPropertyDescription("accepted, not used yet") String agentId,
    @JsonPropertyDescription("accepted, not used yet") String sessionId,
    @JsonPropertyDescription("accepted, not used yet") String cursor,
    @JsonPropertyDescription("accepted, not used yet") @Min(0) Integer offset,
    @JsonPropertyDescription("accepted, not used yet") @Min(1) Integer maxBytes,
    @JsonPropertyDescription("accepted, not used yet") @Min(1) Integer maxChars,
    @JsonPropertyDescription("accepted, not used yet") String messageId) {

  public static final int DEFAULT_LIMIT = 200;
  public static final int MAX_LIMIT = 1000;
}
