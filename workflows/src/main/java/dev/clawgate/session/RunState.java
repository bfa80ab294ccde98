package dev.clawgate.session;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Where a run is, as the session workflow sees it: {@code queued}, {@code running}, {@code done}, {@code unknown}. */
public record RunState(String runId, String phase, RunOutcome outcome) {

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String UNKNOWN = "unknown";

  static RunState queued(String runId) {
    return new RunState(runId, QUEUED, null);
  }

  static RunState running(String runId) {
    return new RunState(runId, RUNNING, null);
  }

  static RunState done(RunOutcome outcome) {
    return new RunState(outcome.runId(), DONE, outcome);
  }

  static RunState unknown(String runId) {
    return new RunState(runId, UNKNOWN, null);
  }

  @JsonIgnore // derived; Temporal's Jackson mapper rejects unknown properties on the way back
  public boolean isDone() {
    return DONE.equals(phase);
  }
}
