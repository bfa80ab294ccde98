package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Answer of {@code chat.history}; {@code sessionId} is null for a session that never ran. {@code omitted} is set
 * only when the transport's message limit made the gateway leave out the oldest messages.
 */
@JsonClassDescription("Response to chat.history.")
public record ChatHistoryResult(
    @NotEmpty String sessionKey,
    @JsonInclude(JsonInclude.Include.ALWAYS) String sessionId,
    @NotNull List<ChatMessage> messages,
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyDescription("how many of the oldest messages were left out to fit hello-ok.policy.maxPayload")
    Integer omitted) {

  public ChatHistoryResult(String sessionKey, String sessionId, List<ChatMessage> messages) {
    this(sessionKey, sessionId, messages, null);
  }

  /** The same history without its {@code count} oldest messages, saying so. */
  public ChatHistoryResult withoutOldest(int count) {
    int dropped = Math.min(count, messages.size());
    return new ChatHistoryResult(sessionKey, sessionId, List.copyOf(messages.subList(dropped, messages.size())),
        (omitted == null ? 0 : omitted) + dropped);
  }
}
