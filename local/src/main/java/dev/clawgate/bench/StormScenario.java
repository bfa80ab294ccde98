package dev.clawgate.bench;

import dev.clawgate.cli.GatewayConnector;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code storm}: C clients connect at the same instant (a thread each, released by one latch, because the
 * handshake is a blocking call), each timed from opening the socket to {@code hello-ok}. All stay connected
 * until the last one is through, so the gateway holds C connections at the peak.
 */
final class StormScenario {

  private static final int ERROR_SAMPLES = 5;

  private final int clients;

  StormScenario(int clients) {
    this.clients = clients;
  }

  StormResult run(BenchContext context) throws InterruptedException {
    LatencySamples handshakes = new LatencySamples();
    AtomicInteger errors = new AtomicInteger();
    Map<String, Integer> errorSamples = new LinkedHashMap<>();
    List<GatewayClient> connected = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong lastDone = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
      Thread thread = new Thread(runnable, "bench-storm");
      thread.setDaemon(true);
      return thread;
    });
    long started;
    try (Progress.Tracking tracking = context.progress().track(StormResult.NAME, "connects", clients,
        handshakes::size, errors::get)) {
      for (int i = 0; i < clients; i++) {
        pool.execute(() -> {
          ready.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long t0 = System.nanoTime();
          try {
            GatewayClient client = context.newClient();
            long now = System.nanoTime();
            handshakes.add(now - t0);
            lastDone.accumulateAndGet(now, Math::max);
            synchronized (connected) {
              connected.add(client);
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            lastDone.accumulateAndGet(System.nanoTime(), Math::max);
            String reason = e instanceof GatewayCallException
                ? GatewayConnector.describe(((GatewayCallException) e).error()) : String.valueOf(e.getMessage());
            synchronized (errorSamples) {
              if (errorSamples.containsKey(reason) || errorSamples.size() < ERROR_SAMPLES) {
                errorSamples.merge(reason, 1, Integer::sum);
              }
            }
          }
        });
      }
      ready.await(context.deadline().remainingMillis(), TimeUnit.MILLISECONDS);
      started = System.nanoTime();
      go.countDown();
      pool.shutdown();
      pool.awaitTermination(context.deadline().remainingMillis(), TimeUnit.MILLISECONDS);
    }
    int done = handshakes.size();
    long duration = Math.max(0, lastDone.get() - started);
    pool.shutdownNow();
    closeAll(connected);
    Map<String, Integer> samples;
    synchronized (errorSamples) {
      samples = new LinkedHashMap<>(errorSamples);
    }
    return new StormResult(clients, done, errors.get(), handshakes.summary(), duration, samples);
  }

  /** Closes in parallel: each close waits for the gateway's close frame, and there may be thousands. */
  private static void closeAll(List<GatewayClient> connected) throws InterruptedException {
    List<GatewayClient> toClose;
    synchronized (connected) {
      toClose = List.copyOf(connected);
    }
    ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, Math.min(16, toClose.size())), runnable -> {
      Thread thread = new Thread(runnable, "bench-storm-close");
      thread.setDaemon(true);
      return thread;
    });
    toClose.forEach(client -> closer.execute(client::close));
    closer.shutdown();
    closer.awaitTermination(30, TimeUnit.SECONDS);
  }
}
