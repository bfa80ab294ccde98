package dev.clawgate.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A progress line on stderr every interval while a scenario runs ({@code done/total}, the rate over the last
 * interval, errors), so a long run shows it is alive without mixing into the report on stdout.
 */
final class Progress implements AutoCloseable {

  private final PrintWriter err;
  private final long intervalMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bench-progress");
    thread.setDaemon(true);
    return thread;
  });

  Progress(PrintWriter err, long intervalMs) {
    this.err = err;
    this.intervalMs = intervalMs;
  }

  /** Stops the progress lines of one scenario. */
  interface Tracking extends AutoCloseable {
    @Override
    void close();
  }

  /** Starts reporting on a scenario; close the handle when it ends. */
  Tracking track(String scenario, String unit, int total, IntSupplier done, IntSupplier errors) {
    long started = System.nanoTime();
    int[] last = {0};
    ScheduledFuture<?> task = timer.scheduleAtFixedRate(() -> {
      int now = done.getAsInt();
      double rate = (now - last[0]) * 1000.0 / intervalMs;
      last[0] = now;
      synchronized (err) {
        err.printf(Locale.ROOT, "[%s] %d/%d %s, %.1f %s/s, %d errors, %.1f s%n", scenario, now, total, unit, rate,
            unit, errors.getAsInt(), (System.nanoTime() - started) / 1e9);
        err.flush();
      }
    }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  void say(String line) {
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
