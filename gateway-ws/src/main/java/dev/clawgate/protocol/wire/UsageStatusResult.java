package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code usage.status}: token counts as the model responses reported them. */
@JsonClassDescription("Response to usage.status: token counts per session and in total, as the model responses"
    + " reported them.")
public record UsageStatusResult(
    @JsonPropertyDescription("when this answer was made, epoch milliseconds") long updatedAt,
    @NotNull Totals totals,
    @NotNull List<SessionUsage> sessions) {

  /** The sums over every session. */
  public record Totals(long inputTokens, long outputTokens, long totalTokens) {}

  /** One session's counts. */
  public record SessionUsage(@NotEmpty String key, String agentId, long inputTokens, long outputTokens,
      long totalTokens, long turns) {}
}
