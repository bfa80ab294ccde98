package dev.clawgate.schedule;

import dev.clawgate.session.RunOutcome;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class CronRunWorkflowImpl implements CronRunWorkflow {

  /** Generous: an activity is cut short only by its heartbeat, and it gives up at the run's own deadline. */
  private static final Duration AWAIT_LIMIT = Duration.ofHours(25);

  private final CronActivities quick = Workflow.newActivityStub(CronActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
          .build());

  private final CronActivities waiting = Workflow.newActivityStub(CronActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(AWAIT_LIMIT)
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
          .build());

  @Override
  public void run(CronRunRequest request) {
    CronRunStart started = quick.startRun(request);
    RunOutcome outcome = started.wasSkipped() ? null : waiting.awaitOutcome(started);
    quick.finishRun(started, outcome);
  }
}
