package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** Params of {@code sessions.patch}: the session's queue behaviour; absent fields stay as they are. */
@JsonClassDescription("Params of sessions.patch: change a session's queue behaviour; absent fields stay.")
public record SessionsPatchParams(
    @NotEmpty String key,
    QueueModeName queueMode,
    @Min(0) @JsonPropertyDescription("wait this long for more messages before a turn starts") Integer queueDebounceMs,
    @Min(1) @JsonPropertyDescription("most messages waiting in the queue") Integer queueCap,
    @JsonPropertyDescription("what a full queue does with one more message") DropPolicyName queueDrop,
    @JsonPropertyDescription("accepted, not used yet") String agentId) {}
