package dev.clawgate.protocol.wire;

import jakarta.validation.constraints.NotEmpty;

/** Where a message without a session key goes: the default agent's main session. */
public record SessionDefaults(@NotEmpty String defaultAgentId, @NotEmpty String mainKey,
    @NotEmpty String mainSessionKey) {

  public static SessionDefaults of(String defaultAgentId, String mainKey) {
    return new SessionDefaults(defaultAgentId, mainKey, "agent:" + defaultAgentId + ":" + mainKey);
  }
}
