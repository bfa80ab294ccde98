package dev.clawgate.agent;

import java.util.List;

/**
 * One model call of a run. {@code inputs} are user messages to record before the call: at step 0 the turn's
 * message (and any collected with it), at later steps messages steered into the running turn.
 *
 * @param note a line for the model about messages dropped at the queue cap, or null
 * @param quiet a heartbeat step: nothing is streamed to clients, the workflow decides delivery afterwards
 * @param priorInputTokens tokens counted by earlier steps of the run, so the last step can report the total
 */
public record ModelStepRequest(
    String sessionKey,
    String agentId,
    String runId,
    int step,
    List<UserInput> inputs,
    String note,
    long startedAtMs,
    long priorInputTokens,
    long priorOutputTokens,
    boolean quiet) {

  public ModelStepRequest {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
  }
}
