package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/**
 * The first answer to {@code agent}: the session has queued the message durably. Clients waiting for the final
 * answer treat {@code status:"accepted"} as interim and keep waiting on the same request id.
 */
@JsonClassDescription("First response to agent (interim): the message is queued durably; the final answer follows"
    + " on the same request id.")
public record AgentAccepted(
    @NotEmpty String runId,
    @NotEmpty String sessionKey,
    @NotEmpty String agentId,
    @NotEmpty @JsonPropertyDescription("always \"accepted\"") String status,
    long acceptedAt,
    @JsonPropertyDescription("runs ahead of this one in the session (0: it runs next or now)") int queuePosition,
    @JsonPropertyDescription("this message's place in the session's acceptance order") long queueSeq) {

  public static AgentAccepted of(String runId, String sessionKey, String agentId, long acceptedAt, int queuePosition,
      long queueSeq) {
    return new AgentAccepted(runId, sessionKey, agentId, "accepted", acceptedAt, queuePosition, queueSeq);
  }
}
