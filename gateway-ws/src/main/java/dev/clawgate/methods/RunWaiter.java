package dev.clawgate.methods;

import dev.clawgate.agent.RunEvent;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.RunState;
import dev.clawgate.session.SessionClient;
import dev.clawgate.session.SessionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a run's outcome. The run's {@code Ended} event normally brings it; a slow poll of the session
 * workflow's {@code runState} query is the safety net for an event that never came (a worker that crashed
 * after the run was recorded, or a run that had finished before anyone watched).
 */
public final class RunWaiter implements AutoCloseable {

  /**
   * When the session is asked again after the look at once, doubling from {@code firstMs} up to {@code maxMs}.
   */
  public record Polling(long firstMs, long maxMs) {

    /**
     * Where the run's events reach this process (self-hosted): the event brings the outcome, so the poll starts
     * late and backs off; a fixed fast poll per waiting run floods an overloaded worker with queries.
     */
    public static final Polling SAFETY_NET = new Polling(5_000, 30_000);

    /**
     * Where they never do (a stateless front, whose worker runs elsewhere): the poll is how the outcome arrives,
     * so it starts soon and stays short; a wait there lasts at most the front's answer window (about 25 s).
     */
    public static final Polling PRIMARY = new Polling(250, 1_000);

    long next(long delayMs) {
      return delayMs == 0 ? firstMs : Math.min(delayMs * 2, maxMs);
    }
  }

  private final RunEventHub hub;
  private final SessionClient sessions;
  private final Polling polling;
  private final ScheduledThreadPoolExecutor timer = timer();
  private final ExecutorService queries = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "run-query");
    thread.setDaemon(true);
    return thread;
  });

  RunWaiter(RunEventHub hub, SessionClient sessions, Polling polling) {
    this.hub = hub;
    this.sessions = sessions;
    this.polling = polling;
  }

  /**
   * Watches {@code runId} and completes with its outcome; {@code observer} also sees every event of the
   * run while it is watched. Cancel the future to stop watching.
   */
  CompletableFuture<RunOutcome> await(SessionKey key, String runId, RunEventHub.Observer observer) {
    CompletableFuture<RunOutcome> done = new CompletableFuture<>();
    AutoCloseable watch = hub.watchRun(key.value(), runId, (event, seq, text) -> {
      if (observer != null) {
        observer.onEvent(event, seq, text);
      }
      if (event instanceof RunEvent.Ended) {
        done.complete(((RunEvent.Ended) event).outcome());
      }
    });
    java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> poll = new java.util.concurrent.atomic.AtomicReference<>();
    // One look at once (the run may have ended before anyone watched), then the backing-off safety net.
    schedulePoll(key, runId, done, poll, 0);
    done.whenComplete((outcome, failure) -> {
      ScheduledFuture<?> pending = poll.get();
      if (pending != null) {
        pending.cancel(false);
      }
      try {
        watch.close();
      } catch (Exception ignored) {
        // closing a watch cannot fail
      }
    });
    return done;
  }

  private void schedulePoll(SessionKey key, String runId, CompletableFuture<RunOutcome> done,
      java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> poll, long delayMs) {
    if (done.isDone()) {
      return;
    }
    poll.set(timer.schedule(() -> queries.execute(() -> {
      if (done.isDone()) {
        return;
      }
      try {
        RunState state = sessions.runState(key, runId);
        if (state.isDone()) {
          done.complete(state.outcome());
          return;
        }
      } catch (RuntimeException e) {
        // Temporal unreachable for a moment: the next poll or the event will bring the outcome.
      }
      schedulePoll(key, runId, done, poll, polling.next(delayMs));
    }), delayMs, TimeUnit.MILLISECONDS));
  }

  /**
   * The run's outcome, or null once {@code timeout} has passed (the run itself goes on). Used by callers
   * outside a connection, such as webhooks waiting for completion.
   */
  public CompletableFuture<RunOutcome> outcome(SessionKey key, String runId, java.time.Duration timeout) {
    CompletableFuture<RunOutcome> done = await(key, runId, null);
    expire(done, timeout.toMillis(), () -> done.complete(null));
    return done;
  }

  /**
   * Runs {@code onTimeout} if {@code outcome} is still pending after {@code delayMs}, cancelling the outcome
   * first (so the outcome and the timeout never both answer); the timer goes as soon as the outcome comes, so
   * waits with long timeouts do not pile up in the queue.
   */
  void onTimeout(CompletableFuture<?> outcome, long delayMs, Runnable onTimeout) {
    expire(outcome, delayMs, () -> {
      if (outcome.cancel(false)) {
        onTimeout.run();
      }
    });
  }

  /** Runs {@code onExpiry} after {@code delayMs} unless {@code pending} completes first, which drops the timer. */
  private void expire(CompletableFuture<?> pending, long delayMs, Runnable onExpiry) {
    ScheduledFuture<?> expiry = timer.schedule(onExpiry, delayMs, TimeUnit.MILLISECONDS);
    pending.whenComplete((result, failure) -> expiry.cancel(false));
  }

  /** How many timers wait now (polls and timeouts): for tests. */
  int pendingTimers() {
    return timer.getQueue().size();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "run-waiter");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true); // a cancelled timer leaves the queue at once, not when it would have run
    return timer;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    queries.shutdownNow();
  }
}
