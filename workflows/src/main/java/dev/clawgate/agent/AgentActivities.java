package dev.clawgate.agent;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The model call of the agent loop. Context is loaded from the transcript store, not from workflow
 * history, so history stays small however long the conversation grows.
 */
@ActivityInterface
public interface AgentActivities {

  /** Error type of the failure raised when no model is configured; not retried. */
  String NO_MODEL = "NoModelConfigured";

  @ActivityMethod
  ModelStepResult modelStep(ModelStepRequest request);
}
