package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Params of {@code sessions.reset}: {@code key} (OpenClaw's name) or {@code sessionKey} names the session. */
@JsonClassDescription("Params of sessions.reset: start a fresh transcript; key (or sessionKey) is required.")
public record SessionsResetParams(
    @JsonPropertyDescription("the session to reset; one of key and sessionKey is required") String key,
    @JsonPropertyDescription("the same as key, for clients that use the chat methods' name") String sessionKey,
    @JsonPropertyDescription("accepted, not used yet") String agentId,
    @JsonPropertyDescription("accepted, not used yet") Reason reason,
    @JsonPropertyDescription("accepted, not used yet") String expectedSessionId) {

  /** Why the session is reset (OpenClaw distinguishes /new from /reset). */
  public enum Reason {
    @JsonProperty("new") NEW,
    @JsonProperty("reset") RESET
  }
}
