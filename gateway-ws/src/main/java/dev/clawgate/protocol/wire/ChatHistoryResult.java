package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Answer of {@code chat.history}; {@code sessionId} is null for a session that never ran. */
@JsonClassDescription("Response to chat.history.")
public record ChatHistoryResult(
    @NotEmpty String sessionKey,
    @JsonInclude(JsonInclude.Include.ALWAYS) String sessionId,
    @NotNull List<ChatMessage> messages) {}
