package dev.clawgate.session;

import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The worker options of the model-step queue, in one place for production and tests: how many model calls
 * run at once, and how often they heartbeat.
 */
public final class ModelWorkerOptions {

  /**
   * A cancelled model call learns of it at its next heartbeat: send them often enough that an interrupted
   * stream stops within half a second, not the SDK's default of 0.8 x the heartbeat timeout.
   */
  public static final Duration MAX_HEARTBEAT_THROTTLE = Duration.ofMillis(500);

  private ModelWorkerOptions() {}

  /** @param maxConcurrent model calls running at once across all sessions of this worker */
  public static WorkerOptions of(int maxConcurrent) {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(maxConcurrent)
        .setMaxHeartbeatThrottleInterval(MAX_HEARTBEAT_THROTTLE)
        .build();
  }
}
