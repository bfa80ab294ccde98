package dev.clawgate.methods;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.session.RunOutcome;

/**
 * The {@code agent} and {@code chat} event payloads and the final answer of a run, and the {@code heartbeat}
 * event payload, for a sink that answers from outside this package (the AWS event sink, which runs in the
 * worker). The same payloads the in-process followers send, from the one place that builds them.
 */
public final class RunAnswers {

  private RunAnswers() {}

  /** The payload of an {@code agent} event; {@code seq} and {@code textSoFar} as {@code RunEventHub} gives them. */
  public static Object agentEvent(RunEvent event, long seq, String textSoFar) {
    return EventPayloads.agentEvent(event, seq, textSoFar);
  }

  /** The payload of a {@code chat} event, or null for run events the chat stream does not show. */
  public static Object chatEvent(RunEvent event, long seq, String textSoFar) {
    return EventPayloads.chatEvent(event, seq, textSoFar);
  }

  /** The payload of the {@code heartbeat} event every connected client hears. */
  public static Object heartbeatEvent(RunEvent.Heartbeat heartbeat) {
    return HeartbeatMethods.payload(heartbeat.report());
  }

  /** The final answer of an {@code agent} request. */
  public static Object agentFinal(RunOutcome outcome, String agentId) {
    return EventPayloads.agentFinal(outcome, agentId);
  }
}
