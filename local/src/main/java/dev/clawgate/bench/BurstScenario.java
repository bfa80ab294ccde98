package dev.clawgate.bench;

import dev.clawgate.client.GatewayClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code burst}: M messages sent at once into one session over one connection. A session answers one message
 * at a time, in the order it accepted them, so the final answers must arrive in that order. The order of
 * acceptance is the gateway's {@code queueSeq} when every interim answer carried one, else the send order.
 */
final class BurstScenario {

  static final String NAME = "burst";

  private final int burst;

  BurstScenario(int burst) {
    this.burst = burst;
  }

  /** A finished turn and when its final answer arrived relative to the others. */
  record Arrival(TurnResult turn, int sendIndex, int arrivalIndex) {}

  TurnScenarioResult run(BenchContext context) throws IOException, InterruptedException {
    TurnStats stats = new TurnStats();
    List<Arrival> arrivals = new ArrayList<>();
    try (GatewayClient client = context.newClient();
        Progress.Tracking tracking = context.progress().track(NAME, "turns", burst, stats::answered,
            stats::errors)) {
      String key = context.sessionKey(NAME, 0);
      AtomicInteger arrivalOrder = new AtomicInteger();
      List<CompletableFuture<Void>> finals = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < burst && !context.deadline().passed(); i++) {
        int sendIndex = i;
        // The counter is taken on the thread that completes the answer, which reads the socket's frames in order.
        finals.add(AgentTurn.send(client, context, key, "burst message " + i)
            .thenAccept(turn -> {
              int arrived = arrivalOrder.getAndIncrement();
              if (stats.add(turn)) {
                synchronized (arrivals) {
                  arrivals.add(new Arrival(turn, sendIndex, arrived));
                }
              }
            }));
      }
      SessionsScenario.awaitAll(finals, context.deadline());
      long duration = System.nanoTime() - started;
      stats.freeze();
      List<Arrival> seen;
      synchronized (arrivals) {
        seen = List.copyOf(arrivals);
      }
      boolean bySeq = !seen.isEmpty() && seen.stream().allMatch(a -> a.turn().acceptedSeq() >= 0);
      Map<String, Object> shape = new LinkedHashMap<>();
      shape.put("sessions", 1);
      shape.put("burst", burst);
      return new TurnScenarioResult(NAME, shape, burst, stats.answered(), stats.errors(), stats.latency(), duration,
          violations(seen, bySeq), bySeq ? "queueSeq" : "sendOrder", stats.errorSamples(),
          stats.latencyNanos());
    }
  }

  /**
   * Counts answers that overtook one accepted earlier: walking the ok turns in acceptance order, each whose
   * answer arrived before the latest answer seen so far is one violation. A perfectly ordered burst has none;
   * one answer delivered late counts once per answer it let pass.
   */
  static int violations(List<Arrival> arrivals, boolean byQueueSeq) {
    List<Arrival> inAcceptanceOrder = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      if (arrival.turn().ok()) {
        inAcceptanceOrder.add(arrival);
      }
    }
    inAcceptanceOrder.sort(byQueueSeq ? Comparator.comparingLong(a -> a.turn().acceptedSeq())
        : Comparator.comparingInt(Arrival::sendIndex));
    int violations = 0;
    int latestArrival = -1;
    for (Arrival arrival : inAcceptanceOrder) {
      if (arrival.arrivalIndex() < latestArrival) {
        violations++;
      } else {
        latestArrival = arrival.arrivalIndex();
      }
    }
    return violations;
  }
}
