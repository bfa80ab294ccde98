package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Params of {@code sessions.list}; all optional. */
@JsonClassDescription("Params of sessions.list: all optional.")
public record SessionsListParams(
    @Min(1) @Max(MAX_LIMIT) @JsonPropertyDescription("default " + DEFAULT_LIMIT) Integer limit,
    @JsonPropertyDescription("accepted, not used yet") @Min(0) Integer offset,
    @JsonPropertyDescription("accepted, not used yet") @Min(1) Integer activeMinutes,
    @JsonPropertyDescription("accepted, not used yet") Boolean activeOnly,
    @JsonPropertyDescription("accepted, not used yet") Boolean includeGlobal,
    @JsonPropertyDescription("accepted, not used yet") Boolean includeUnknown,
    @JsonPropertyDescription("accepted, not used yet") Boolean includeDerivedTitles,
    @JsonPropertyDescription("accepted, not used yet") Boolean includeLastMessage,
    @JsonPropertyDescription("accepted, not used yet") String label,
    @JsonPropertyDescription("accepted, not used yet") String agentId,
    @JsonPropertyDescription("accepted, not used yet") String search) {

  public static final int DEFAULT_LIMIT = 500;
  public static final int MAX_LIMIT = 10_000;
}
