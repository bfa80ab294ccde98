package dev.clawgate.session;

/**
 * The session's answer to a submitted message, given as soon as the message is queued (an update handler
 * must never wait for the run, or a real server's limit of in-flight updates is reached).
 *
 * @param status {@code ACCEPTED} for a new message, {@code IN_FLIGHT} for a repeat of one queued or running,
 *     {@code DONE} for a repeat of one that finished (then {@code outcome} is set)
 * @param queuePosition how many runs are ahead of it (0 = it runs next or now)
 */
public record SubmitResult(Status status, String runId, int queuePosition, RunOutcome outcome) {

  public enum Status { ACCEPTED, IN_FLIGHT, DONE }

  public static SubmitResult accepted(String runId, int queuePosition) {
    return new SubmitResult(Status.ACCEPTED, runId, queuePosition, null);
  }

  public static SubmitResult inFlight(String runId) {
    return new SubmitResult(Status.IN_FLIGHT, runId, 0, null);
  }

  public static SubmitResult done(RunOutcome outcome) {
    return new SubmitResult(Status.DONE, outcome.runId(), 0, outcome);
  }
}
