package dev.clawgate.session;

/**
 * The session's answer to a submitted message, given as soon as the message is queued (an update handler
 * must never wait for the run, or a real server's limit of in-flight updates is reached).
 *
 * @param status {@code ACCEPTED} for a new message, {@code IN_FLIGHT} for a repeat of one queued or running,
 *     {@code DONE} for a repeat of one that finished (then {@code outcome} is set)
 * @param queuePosition how many runs are ahead of it (0 = it runs next or now)
 * @param acceptedSeq for ACCEPTED, the message's place in the session's acceptance order (1, 2, ...): runs
 *     start in this order
 * @param acceptedAtMs for ACCEPTED, the accepted message's own timestamp: the Temporal server answers a
 *     repeated update id with the first answer, and this tells that echo apart from a fresh acceptance
 */
public record SubmitResult(
    Status status, String runId, int queuePosition, long acceptedSeq, long acceptedAtMs, RunOutcome outcome) {

  /** DROPPED: refused at the queue cap (drop policy {@code new}); {@code outcome} says why. */
  public enum Status { ACCEPTED, IN_FLIGHT, DONE, DROPPED }

  public static SubmitResult accepted(InboundMessage message, int queuePosition, long acceptedSeq) {
    return new SubmitResult(Status.ACCEPTED, message.runId(), queuePosition, acceptedSeq, message.acceptedAtMs(),
        null);
  }

  public static SubmitResult inFlight(String runId) {
    return new SubmitResult(Status.IN_FLIGHT, runId, 0, 0, 0, null);
  }

  public static SubmitResult dropped(RunOutcome outcome) {
    return new SubmitResult(Status.DROPPED, outcome.runId(), 0, 0, 0, outcome);
  }

  public static SubmitResult done(RunOutcome outcome) {
    return new SubmitResult(Status.DONE, outcome.runId(), 0, 0, 0, outcome);
  }
}
