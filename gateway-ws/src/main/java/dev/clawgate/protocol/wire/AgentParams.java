package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * Params of {@code agent}. Only {@code message} and {@code idempotencyKey} are required; the delivery and routing
 * fields OpenClaw's CLI sends are accepted so such clients are never refused, and ignored until the features behind
 * them exist.
 */
@JsonClassDescription("Params of agent: start (or join, by idempotencyKey) a run in a session.")
public record AgentParams(
    @NotEmpty String message,
    @NotEmpty @JsonPropertyDescription("also the run id; a repeat joins the run it started") String idempotencyKey,
    @JsonPropertyDescription("the agent; empty or absent means the default agent") String agentId,
    @JsonPropertyDescription("the session; absent means the agent's main session") String sessionKey,
    @JsonPropertyDescription("seconds to wait for the final answer before answering status timeout (the run goes"
        + " on); 0 or absent waits for the end")
    @Min(0) Integer timeout,
    @JsonPropertyDescription("accepted, not used yet") String sessionId,
    @JsonPropertyDescription("accepted, not used yet") Boolean deliver,
    @JsonPropertyDescription("accepted, not used yet") Boolean bestEffortDeliver,
    @JsonPropertyDescription("accepted, not used yet") String thinking,
    @JsonPropertyDescription("accepted, not used yet") String provider,
    @JsonPropertyDescription("accepted, not used yet") String model,
    @JsonPropertyDescription("accepted, not used yet") String channel,
    @JsonPropertyDescription("accepted, not used yet") String replyChannel,
    @JsonPropertyDescription("accepted, not used yet") String to,
    @JsonPropertyDescription("accepted, not used yet") String replyTo,
    @JsonPropertyDescription("accepted, not used yet") String accountId,
    @JsonPropertyDescription("accepted, not used yet") String replyAccountId,
    @JsonPropertyDescription("accepted, not used yet") String threadId,
    @JsonPropertyDescription("accepted, not used yet") String groupId,
    @JsonPropertyDescription("accepted, not used yet") String lane,
    @JsonPropertyDescription("accepted, not used yet") String extraSystemPrompt,
    @JsonPropertyDescription("accepted, not used yet") String label,
    @JsonPropertyDescription("accepted, not used yet") List<Object> attachments) {

  /** The two fields a call needs; the rest absent. */
  public static AgentParams of(String message, String idempotencyKey) {
    return new AgentParams(message, idempotencyKey, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null);
  }
}
