package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clawgate.session.DropPolicy;

/** The wire names of what a full session queue does with one more message ({@code sessions.patch}'s queueDrop). */
public enum DropPolicyName {
  @JsonProperty("old") OLD,
  @JsonProperty("new") NEW,
  @JsonProperty("summarize") SUMMARIZE;

  public static DropPolicyName of(DropPolicy policy) {
    return valueOf(policy.name());
  }

  /** Null stays null: the session's own policy applies. */
  public static DropPolicy toSession(DropPolicyName name) {
    return name == null ? null : DropPolicy.valueOf(name.name());
  }
}
