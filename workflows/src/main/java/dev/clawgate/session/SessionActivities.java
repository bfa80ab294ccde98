package dev.clawgate.session;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Session bookkeeping outside the agent loop: closing a run that failed, and resets. */
@ActivityInterface
public interface SessionActivities {

  /** Records the closing entry of a run that did not end normally and tells waiting clients. */
  @ActivityMethod
  void finishRun(String agentId, RunOutcome outcome);

  @ActivityMethod
  void resetSession(String sessionKey, String agentId, String resetId);
}
