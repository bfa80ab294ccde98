package dev.clawgate.infra.dynamo;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a store waits before retrying a write another writer beat it to. Jittered exponential waits
 * ("full jitter"), so writers that collided once spread out instead of colliding again in lock step; a bounded
 * number of attempts, so a hot item fails a call loudly rather than hanging it.
 */
final class Backoff {

  /** Generous: conflicts need another writer on the same item, which for one session is already rare. */
  static final int MAX_ATTEMPTS = 100;

  private static final long BASE_MILLIS = 1;
  private static final long CAP_MILLIS = 50;

  private Backoff() {}

  /** Sleeps before attempt number {@code attempt} (1 for the first retry). */
  static void pause(int attempt) {
    long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a conflicting DynamoDB write", e);
    }
  }
}
