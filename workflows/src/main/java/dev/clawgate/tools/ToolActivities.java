package dev.clawgate.tools;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Each tool call is its own activity, so a crash after a finished tool call never repeats it. */
@ActivityInterface
public interface ToolActivities {

  @ActivityMethod
  ToolResult runTool(ToolCallRequest request);
}
