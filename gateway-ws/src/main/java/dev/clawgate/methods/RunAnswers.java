package dev.clawgate.methods;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.session.RunOutcome;

/**
 * The {@code agent} event payload and final answer of a run, for a {@link RunFollower} that answers from
 * outside this package (the AWS event sink, which runs in the worker). The same payloads the in-process
 * follower sends, from the one place that builds them.
 */
public final class RunAnswers {

  private RunAnswers() {}

  /** The payload of an {@code agent} event; {@code seq} and {@code textSoFar} as {@code RunEventHub} gives them. */
  public static Object agentEvent(RunEvent event, long seq, String textSoFar) {
    return EventPayloads.agentEvent(event, seq, textSoFar);
  }

  /** The final answer of an {@code agent} request. */
  public static Object agentFinal(RunOutcome outcome, String agentId) {
    return EventPayloads.agentFinal(outcome, agentId);
  }
}
