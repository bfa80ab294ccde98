package dev.clawgate.chaos;

import dev.clawgate.stubmodel.StubModelServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Kills the gateway with SIGKILL, again and again: each time after a random interval (seeded), at a moment
 * chosen among {@link KillAim}s; then starts it again on the same state and waits until it listens.
 */
final class ChaosMonkey {

  /** How long an aimed kill waits past its interval for its moment before it falls back to a timed kill. */
  static final long AIM_GRACE_MS = 3_000;
  /** Continue-as-new comes once per a few dozen turns of a session: worth waiting longer for. */
  static final long CONTINUE_AS_NEW_GRACE_MS = 20_000;

  private final GatewayProcess gateway;
  private final KillTriggers triggers;
  private final ContinueAsNewWatch continueAsNew;
  private final StubModelServer model;
  private final int kills;
  private final long minIntervalMs;
  private final long maxIntervalMs;
  private final long restartTimeoutMs;
  private final Random random;
  private final Consumer<String> log;
  private final List<KillRecord> records = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  /** @param continueAsNew null when the sessions' workflows cannot be watched (then no kill aims at it) */
  ChaosMonkey(GatewayProcess gateway, KillTriggers triggers, ContinueAsNewWatch continueAsNew, StubModelServer model,
      int kills, long minIntervalMs, long maxIntervalMs, long restartTimeoutMs, long seed, Consumer<String> log) {
    this.gateway = gateway;
    this.triggers = triggers;
    this.continueAsNew = continueAsNew;
    this.model = model;
    this.kills = kills;
    this.minIntervalMs = minIntervalMs;
    this.maxIntervalMs = maxIntervalMs;
    this.restartTimeoutMs = restartTimeoutMs;
    this.random = new Random(seed ^ 0x5DEECE66DL);
    this.log = log;
  }

  Thread start() {
    Thread thread = new Thread(this::run, "chaos-monkey");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void run() {
    try {
      for (int n = 1; n <= kills && !stopped; n++) {
        long interval = minIntervalMs + (long) (random.nextDouble() * (maxIntervalMs - minIntervalMs));
        KillAim aim = pickAim();
        boolean hit = true;
        if (aim == KillAim.TIMER) {
          Thread.sleep(interval);
        } else {
          Thread.sleep(interval / 2);
          long window = interval - interval / 2 + AIM_GRACE_MS;
          if (aim == KillAim.CONTINUE_AS_NEW) {
            hit = continueAsNew.awaitMoment(window - AIM_GRACE_MS + CONTINUE_AS_NEW_GRACE_MS);
          } else if (aim == KillAim.STREAM) {
            hit = awaitOpenStream(window);
          } else {
            triggers.arm(aim);
            hit = triggers.await(window);
          }
        }
        if (stopped) {
          break;
        }
        int streams = model.openStreams();
        int tools = triggers.openTools();
        long at = System.currentTimeMillis();
        long pid = gateway.kill();
        triggers.connectionsDropped();
        long restartAt = System.nanoTime();
        gateway.start();
        if (!gateway.awaitListening(restartTimeoutMs)) {
          throw new IllegalStateException("the gateway did not listen within " + restartTimeoutMs
              + " ms after kill " + n + "; log tail:\n" + gateway.tail(40));
        }
        long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);
        KillRecord record = new KillRecord(n, at, aim, hit, pid, streams, tools, restartMs);
        synchronized (records) {
          records.add(record);
        }
        log.accept(String.format("kill %d/%d: SIGKILL pid %d aimed at %s%s; model streams open %d, tool calls open %d;"
            + " listening again after %d ms", n, kills, pid, aim.label(), hit ? "" : " (not seen: timed)", streams,
            tools, restartMs));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      done.countDown();
    }
  }

  /**
   * Waits until the stub model is streaming a reply. Clients see deltas only of runs they started fresh (a
   * repeat after a reconnect waits without events), so the stub is the better witness.
   */
  private boolean awaitOpenStream(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (model.openStreams() > 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private KillAim pickAim() {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return KillAim.TIMER;
    }
    if (roll < 60) {
      return KillAim.STREAM;
    }
    if (roll < 75) {
      return KillAim.TOOL;
    }
    if (roll < 90) {
      return KillAim.TURN_END;
    }
    return continueAsNew == null ? KillAim.TIMER : KillAim.CONTINUE_AS_NEW;
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  boolean awaitDone(long timeoutMs) throws InterruptedException {
    return done.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  void stop() {
    stopped = true;
  }

  /** Why it stopped early (the gateway would not come back), or null. */
  RuntimeException failure() {
    return failure;
  }

  List<KillRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }
}
