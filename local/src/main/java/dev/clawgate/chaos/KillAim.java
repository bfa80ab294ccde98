package dev.clawgate.chaos;

/**
 * The moment a kill waits for. A random interval always comes first; an aimed kill then waits (a bounded
 * time) for its moment and falls back to a plain timed kill when the moment does not come.
 */
public enum KillAim {
  /** Whenever the interval ends. */
  TIMER("timer"),
  /** While the stub model is streaming a reply: a model call is in flight. */
  STREAM("stream"),
  /**
   * Just after a client saw a tool call start, or a tool's file landed: the tool is running, or it ran and its
   * result is being recorded.
   */
  TOOL("tool"),
  /** Just after a client got a final answer: between two turns of that session. */
  TURN_END("turn-end"),
  /** When a session's workflow has just continued as new, or its history is about to make it do so. */
  CONTINUE_AS_NEW("continue-as-new");

  private final String label;

  KillAim(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
