package dev.clawgate.agent;

/**
 * One model call of a run. Step 0 also records the user's message; later steps follow tool results.
 *
 * @param priorInputTokens tokens counted by earlier steps of the run, so the last step can report the total
 */
public record ModelStepRequest(
    String sessionKey,
    String agentId,
    String runId,
    int step,
    String userText,
    long startedAtMs,
    long priorInputTokens,
    long priorOutputTokens) {}
