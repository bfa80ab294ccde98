package dev.clawgate.session;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Session bookkeeping outside the agent loop: closing a run that failed, and resets. */
@ActivityInterface
public interface SessionActivities {

  /**
   * Records the closing entry of a run that did not end normally and tells waiting clients. If the run's
   * final reply is already in the transcript, the run did end normally: its model step recorded the reply and
   * then its completion never reached the workflow (the worker died before reporting it and the retries ran
   * out). Then that reply is the run's outcome and no failure entry is written, so a message never has two
   * final replies.
   *
   * @return the outcome the run is recorded with; null only when replaying a history from before this was
   *     returned
   */
  @ActivityMethod
  RunOutcome finishRun(String agentId, RunOutcome outcome);

  /** Tells clients how a heartbeat went and, for a real reply with a target, delivers it like a run's end. */
  @ActivityMethod
  void heartbeatDone(dev.clawgate.heartbeat.HeartbeatReport report, RunOutcome deliver);

  @ActivityMethod
  void resetSession(String sessionKey, String agentId, String resetId);

  /** Closes the transcript with a reset entry and removes the session from the index. */
  @ActivityMethod
  void deleteSession(String sessionKey, String deleteId);
}
