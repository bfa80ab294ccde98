package dev.clawgate.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.client.ConnectOptions;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One session's client: sends its messages with {@code agent} and waits for the final answers, as a real
 * client would through crashes: when the connection drops it reconnects and sends the same idempotency key
 * again until a final answer comes; a repeat answered {@code in_flight} waits with {@code agent.wait} and
 * asks again.
 *
 * <p>Up to {@code depth} messages are unanswered at once (each on its own connection, a "lane"), so later
 * ones wait in the session's durable queue while earlier ones run. A message is sent only after the one
 * before it was acknowledged, so the session's acceptance order is the send order, which the audit checks.
 */
final class SessionDriver {

  /** How long one {@code agent.wait} may block before the lane asks again. */
  static final int WAIT_SLICE_MS = 20_000;

  private final int session;
  private final MessagePlan plan;
  private final Ledger ledger;
  private final URI url;
  private final int port;
  private final String token;
  private final KillTriggers triggers;
  private final int depth;
  private final int minMessages;
  private final BooleanSupplier keepSending;
  private final long messageTimeoutMs;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger sent = new AtomicInteger();
  private volatile boolean stopped;
  private volatile String stuckOn;

  /**
   * @param minMessages messages it sends at least
   * @param keepSending asked before each message past {@code minMessages}: keep the load up while kills go on
   * @param messageTimeoutMs how long one message may take from its first send to its final answer
   */
  SessionDriver(int session, MessagePlan plan, Ledger ledger, int port, String token, KillTriggers triggers,
      int depth, int minMessages, BooleanSupplier keepSending, long messageTimeoutMs) {
    this.session = session;
    this.plan = plan;
    this.ledger = ledger;
    this.port = port;
    this.url = URI.create("ws://127.0.0.1:" + port + "/");
    this.token = token;
    this.triggers = triggers;
    this.depth = depth;
    this.minMessages = minMessages;
    this.keepSending = keepSending;
    this.messageTimeoutMs = messageTimeoutMs;
  }

  Thread start() {
    Thread thread = new Thread(this::run, "chaos-s" + session);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void run() {
    BlockingQueue<Lane> idle = new ArrayBlockingQueue<>(depth);
    for (int i = 0; i < depth; i++) {
      idle.add(new Lane());
    }
    ExecutorService lanes = Executors.newFixedThreadPool(depth, runnable -> {
      Thread thread = new Thread(runnable, "chaos-s" + session + "-lane");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (int index = 0; !stopped && (index < minMessages || keepSending.getAsBoolean()); index++) {
        Lane lane = idle.take();
        Acknowledgement ack = ledger.record(plan.message(session, index));
        sent.incrementAndGet();
        lanes.execute(() -> {
          try {
            lane.deliver(ack);
          } finally {
            ack.settled();
            idle.add(lane);
          }
        });
        try {
          ack.recognised().get(messageTimeoutMs + 60_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException notAcknowledged) {
          // handled below
        }
        if (!ack.isAccepted() && !"dropped".equals(ack.finalStatus())) {
          // Later messages would not have a known acceptance order: stop this session, the audit reports it.
          stuckOn = ack.message().label();
          break;
        }
      }
      lanes.shutdown();
      lanes.awaitTermination(messageTimeoutMs + 60_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lanes.shutdownNow();
      for (Lane lane : idle) {
        lane.close();
      }
      finished.countDown();
    }
  }

  /** Stops sending and gives up on what is unanswered (at the hard deadline). */
  void stop() {
    stopped = true;
  }

  boolean awaitFinished(long timeoutMs) throws InterruptedException {
    return finished.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  int sent() {
    return sent.get();
  }

  /** The message this session stopped at because it was never acknowledged, or null. */
  String stuckOn() {
    return stuckOn;
  }

  /** One connection and the message it is delivering. */
  private final class Lane {
    private GatewayClient client;

    void deliver(Acknowledgement ack) {
      PlannedMessage message = ack.message();
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("message", message.text());
      params.put("idempotencyKey", message.idempotencyKey());
      params.put("sessionKey", message.sessionKey());
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(messageTimeoutMs);
      while (!stopped && System.nanoTime() < deadline) {
        GatewayClient connection = connected(deadline);
        if (connection == null) {
          return;
        }
        ack.sent();
        JsonNode answer;
        try {
          answer = connection.callExpectFinal("agent", params,
              accepted -> ack.accepted(accepted.hasNonNull("queueSeq") ? accepted.get("queueSeq").asLong() : null))
              .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          ack.failedAttempt(String.valueOf(cause));
          if (cause instanceof GatewayCallException) {
            pause(500); // the gateway answered with an error (e.g. Temporal busy): ask again shortly
          } else {
            drop();
          }
          continue;
        } catch (TimeoutException e) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        String status = answer.path("status").asText();
        if ("in_flight".equals(status)) {
          ack.inFlight();
          awaitRun(connection, message, deadline);
          continue;
        }
        ack.finalAnswer(status, "ok".equals(status)
            ? answer.path("result").path("payloads").path(0).path("text").asText()
            : answer.path("error").asText(answer.path("summary").asText()));
        triggers.onFinal();
        return;
      }
    }

    /** Blocks in {@code agent.wait} for a slice, so a repeat does not hammer the gateway while the run goes on. */
    private void awaitRun(GatewayClient connection, PlannedMessage message, long deadline) {
      Map<String, Object> params = Map.of("runId", message.idempotencyKey(), "sessionKey", message.sessionKey(),
          "timeoutMs", WAIT_SLICE_MS);
      try {
        connection.call("agent.wait", params)
            .get(Math.min(WAIT_SLICE_MS + 10_000, remainingMs(deadline)), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GatewayCallException)) {
          drop();
        }
      } catch (TimeoutException e) {
        // asked again by the caller
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The open connection, or a new one once the gateway listens again; null when the time ran out. */
    private GatewayClient connected(long deadline) {
      if (client != null && !client.closed().isDone()) {
        return client;
      }
      drop();
      while (!stopped && System.nanoTime() < deadline) {
        if (GatewayProcess.accepts(port)) {
          try {
            GatewayClient fresh = GatewayClient.connect(url, ConnectOptions.operator(token));
            fresh.onEvent(triggers::onFrame);
            client = fresh;
            return fresh;
          } catch (IOException | GatewayCallException restarting) {
            // the gateway is coming up or going down: try again
          }
        }
        if (!pause(150)) {
          return null;
        }
      }
      return null;
    }

    private void drop() {
      if (client != null) {
        GatewayClient old = client;
        client = null;
        if (!old.closed().isDone()) {
          old.close();
        }
      }
    }

    void close() {
      drop();
    }
  }

  private static long remainingMs(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
