package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clawgate.session.QueueMode;

/** The wire names of the session queue modes ({@code chat.send}'s and {@code sessions.patch}'s {@code queueMode}). */
public enum QueueModeName {
  @JsonProperty("steer") STEER,
  @JsonProperty("followup") FOLLOWUP,
  @JsonProperty("collect") COLLECT,
  @JsonProperty("interrupt") INTERRUPT;

  public QueueMode toSession() {
    return QueueMode.valueOf(name());
  }

  public static QueueModeName of(QueueMode mode) {
    return valueOf(mode.name());
  }

  /** Null stays null: the session's own mode applies. */
  public static QueueMode toSession(QueueModeName name) {
    return name == null ? null : name.toSession();
  }
}
