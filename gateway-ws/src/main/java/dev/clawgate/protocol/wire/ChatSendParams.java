package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** Params of {@code chat.send}; the chat clients' (Control UI, TUI) way to send a message to a session. */
@JsonClassDescription("Params of chat.send: queue a message in a session; chat events follow.")
public record ChatSendParams(
    @NotEmpty String sessionKey,
    @NotEmpty String message,
    @NotEmpty @JsonPropertyDescription("also the run id; a repeat joins the run it started") String idempotencyKey,
    @JsonPropertyDescription("what this message does if the session is busy; absent: the session's mode")
    QueueModeName queueMode,
    @JsonPropertyDescription("accepted, not used yet") String agentId,
    @JsonPropertyDescription("accepted, not used yet") String sessionId,
    @JsonPropertyDescription("accepted, not used yet") String thinking,
    @JsonPropertyDescription("accepted, not used yet") Boolean deliver,
    @JsonPropertyDescription("accepted, not used yet") @Min(0) Integer timeoutMs,
    @JsonPropertyDescription("accepted, not used yet") String originatingChannel,
    @JsonPropertyDescription("accepted, not used yet") String originatingTo,
    @JsonPropertyDescription("accepted, not used yet") String originatingAccountId,
    @JsonPropertyDescription("accepted, not used yet") String originatingThreadId,
    @JsonPropertyDescription("accepted, not used yet") String replyToId,
    @JsonPropertyDescription("accepted, not used yet") List<Object> attachments) {
}
