package dev.clawgate.chaos;

import java.util.List;

/**
 * What the audit found, message by message and session by session. The first six counters are the claim
 * under test; the others say whether the run could check it fully (see docs/chaos.md for each one).
 *
 * @param accepted messages the gateway acknowledged as held (accepted, in flight, or answered)
 * @param lost accepted messages without a user entry or without a final reply in their transcript
 * @param duplicated accepted messages with more than one user entry, more than one final reply, or accepted
 *     as new more than once
 * @param toolRepeats extra executions of tool calls: landings of a tool's file beyond the first, or tool
 *     result entries of a run beyond one
 * @param reordered user entries out of acceptance order, plus {@code queueSeq} values that are not the
 *     message's place in its session's acceptance order
 * @param overlaps transcript entries of another run found between a run's user entry and its final reply
 * @param unanswered accepted messages whose client got no final answer before the deadline
 * @param notAccepted sent messages the gateway never acknowledged before the deadline
 * @param wrongAnswers final answers that differ from what the stub model says, or from the transcript
 * @param toolMissing tool messages answered ok whose file never landed
 * @param unknownRuns transcript runs no client sent
 * @param errors final answers with status {@code error} (answered, but the run failed)
 * @param dropped messages refused at the queue cap (the client was told so)
 * @param okAnswers final answers with status {@code ok}
 * @param toolMessages accepted messages that asked for a tool call
 * @param findings one line per problem, with session, run id and transcript excerpt (the first ones)
 */
public record AuditResult(
    int accepted, int lost, int duplicated, int toolRepeats, int reordered, int overlaps,
    int unanswered, int notAccepted, int wrongAnswers, int toolMissing, int unknownRuns, int errors, int dropped,
    int okAnswers, int toolMessages, List<String> findings) {

  /** Whether every claim held and everything sent was answered. */
  public boolean clean() {
    return lost == 0 && duplicated == 0 && toolRepeats == 0 && reordered == 0 && overlaps == 0
        && unanswered == 0 && notAccepted == 0 && wrongAnswers == 0 && toolMissing == 0 && unknownRuns == 0;
  }
}
