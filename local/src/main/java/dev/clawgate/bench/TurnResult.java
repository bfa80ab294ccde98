package dev.clawgate.bench;

/**
 * One {@code agent} turn as the bench saw it. {@code acceptedSeq} is the gateway's {@code queueSeq} from the
 * interim answer, or -1 when it sent none (OpenClaw's gateway does not).
 */
record TurnResult(String runId, boolean ok, long latencyNanos, String error, long acceptedSeq) {

  static TurnResult ok(String runId, long latencyNanos, long acceptedSeq) {
    return new TurnResult(runId, true, latencyNanos, null, acceptedSeq);
  }

  static TurnResult failed(String runId, long latencyNanos, String error, long acceptedSeq) {
    return new TurnResult(runId, false, latencyNanos, error, acceptedSeq);
  }
}
