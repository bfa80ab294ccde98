package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The final answer to {@code agent}: how the run ended, or {@code timeout} when the caller's {@code timeout} passed
 * first, or {@code in_flight} for a repeated idempotency key whose run is still going.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Final response to agent: the run's outcome (ok | error | aborted), or timeout when the"
    + " caller's timeout passed first, or in_flight for a repeated key whose run is still going.")
public record AgentFinal(
    @NotEmpty String runId,
    @NotEmpty @JsonPropertyDescription("ok | error | aborted | timeout | in_flight") String status,
    String summary,
    @JsonPropertyDescription("set on in_flight answers") String sessionKey,
    Result result,
    String error) {

  /** What the run produced. */
  public record Result(@NotNull List<Payload> payloads, @NotNull Meta meta) {}

  /** One reply of the agent. */
  public record Payload(String text) {}

  /** Facts about the run. */
  public record Meta(long durationMs, AgentMeta agentMeta) {}

  /** Where the run ran and what it cost. */
  public record AgentMeta(String sessionKey, String agentId, Usage usage) {}

  public static AgentFinal timeout(String runId, String summary) {
    return new AgentFinal(runId, "timeout", summary, null, null, null);
  }

  public static AgentFinal inFlight(String runId, String sessionKey) {
    return new AgentFinal(runId, "in_flight", null, sessionKey, null, null);
  }
}
