package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Payload of the {@code chat} event, sent to connections that sent to or read a session. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Payload of the chat event: a session's run as chat clients show it.")
public record ChatEvent(
    @NotEmpty String runId,
    @NotEmpty String sessionKey,
    long seq,
    @NotNull State state,
    @JsonPropertyDescription("delta: the new text") String deltaText,
    @JsonPropertyDescription("delta: the assistant message so far; final: the whole message") ChatMessage message,
    @JsonPropertyDescription("final") String stopReason,
    @JsonPropertyDescription("final") Usage usage,
    @JsonPropertyDescription("aborted, error") String errorMessage) {

  /** Where the run is. */
  public enum State {
    @JsonProperty("delta") DELTA,
    @JsonProperty("final") FINAL,
    @JsonProperty("aborted") ABORTED,
    @JsonProperty("error") ERROR
  }

  public static ChatEvent delta(String runId, String sessionKey, long seq, String delta, ChatMessage soFar) {
    return new ChatEvent(runId, sessionKey, seq, State.DELTA, delta, soFar, null, null, null);
  }

  public static ChatEvent done(String runId, String sessionKey, long seq, ChatMessage message, Usage usage) {
    return new ChatEvent(runId, sessionKey, seq, State.FINAL, null, message, "stop", usage, null);
  }

  public static ChatEvent failed(String runId, String sessionKey, long seq, boolean aborted, String errorMessage) {
    return new ChatEvent(runId, sessionKey, seq, aborted ? State.ABORTED : State.ERROR, null, null, null, null,
        errorMessage);
  }
}
