package dev.clawgate.bench;

import dev.clawgate.client.GatewayClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sequential} (one session) and {@code concurrent} (N sessions in parallel): each session has its own
 * connection, as separate users would, and sends its next turn only when the previous one was answered.
 * Sessions are chains of futures, not threads, so a hundred sessions cost no hundred threads in the bench.
 */
final class SessionsScenario {

  private final String name;
  private final int sessions;
  private final int turns;

  SessionsScenario(String name, int sessions, int turns) {
    this.name = name;
    this.sessions = sessions;
    this.turns = turns;
  }

  TurnScenarioResult run(BenchContext context) throws IOException, InterruptedException {
    List<GatewayClient> clients = new ArrayList<>();
    TurnStats stats = new TurnStats();
    int planned = sessions * turns;
    try {
      for (int s = 0; s < sessions; s++) {
        clients.add(context.newClient());
      }
      long started = System.nanoTime();
      List<CompletableFuture<Void>> chains = new ArrayList<>();
      try (Progress.Tracking tracking = context.progress().track(name, "turns", planned, stats::answered,
          stats::errors)) {
        for (int s = 0; s < sessions; s++) {
          chains.add(session(context, clients.get(s), context.sessionKey(name, s), 0, stats));
        }
        awaitAll(chains, context.deadline());
      }
      long duration = System.nanoTime() - started;
      stats.freeze();
      Map<String, Object> shape = new LinkedHashMap<>();
      shape.put("sessions", sessions);
      shape.put("turnsPerSession", turns);
      return new TurnScenarioResult(name, shape, planned, stats.answered(), stats.errors(), stats.latency(),
          duration, 0, null, stats.errorSamples(), stats.latencyNanos());
    } finally {
      stats.freeze();
      clients.forEach(GatewayClient::close);
    }
  }

  private CompletableFuture<Void> session(BenchContext context, GatewayClient client, String key, int turn,
      TurnStats stats) {
    if (turn == turns || context.deadline().passed() || client.closed().isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    return AgentTurn.send(client, context, key, "bench turn " + turn + " in " + key)
        .thenComposeAsync(result -> {
          stats.add(result);
          return session(context, client, key, turn + 1, stats);
        }, context.continuations());
  }

  /** Waits for every chain, but never past the deadline. */
  static void awaitAll(List<? extends CompletableFuture<?>> futures, Deadline deadline) throws InterruptedException {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException cutOff) {
      // the deadline passed: what finished is reported, the rest counts as unfinished
    } catch (ExecutionException e) {
      throw new IllegalStateException("a bench chain failed unexpectedly", e.getCause());
    }
  }
}
