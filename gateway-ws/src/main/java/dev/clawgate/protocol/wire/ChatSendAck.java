package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code chat.send}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Response to chat.send.")
public record ChatSendAck(
    @NotEmpty String runId,
    @NotEmpty
    @JsonPropertyDescription("started (queued now), in_flight (a repeat of a running key), dropped (the queue was"
        + " full), or the finished run's status (ok | error | aborted) for a repeat of a finished key")
    String status,
    @JsonPropertyDescription("set when started: the message's place in the session's acceptance order")
    Long queueSeq,
    @JsonPropertyDescription("set when dropped: why") String reason) {}
