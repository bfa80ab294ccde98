package dev.clawgate.session;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Session bookkeeping outside the agent loop: closing a run that failed, and resets. */
@ActivityInterface
public interface SessionActivities {

  /** Records the closing entry of a run that did not end normally and tells waiting clients. */
  @ActivityMethod
  void finishRun(String agentId, RunOutcome outcome);

  /** Tells clients how a heartbeat went and, for a real reply with a target, delivers it like a run's end. */
  @ActivityMethod
  void heartbeatDone(dev.clawgate.heartbeat.HeartbeatReport report, RunOutcome deliver);

  @ActivityMethod
  void resetSession(String sessionKey, String agentId, String resetId);
}
