package dev.clawgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.cli.GatewayConnector;
import dev.clawgate.client.GatewayCallException;
import dev.clawgate.client.GatewayClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one {@code agent} request the way OpenClaw's CLI does ({@code deliver:false}, a fresh idempotency key,
 * waiting past the interim {@code accepted} answer) and times it from send to final answer. The returned future
 * never fails: every failure is a {@link TurnResult} with the reason.
 */
final class AgentTurn {

  private AgentTurn() {}

  static CompletableFuture<TurnResult> send(GatewayClient client, BenchContext context, String sessionKey,
      String message) {
    String runId = GatewayClient.newIdempotencyKey();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("message", message);
    params.put("agentId", context.agentId());
    params.put("sessionKey", sessionKey);
    params.put("deliver", false);
    params.put("timeout", Math.max(1, context.turnTimeout().toSeconds()));
    params.put("idempotencyKey", runId);
    AtomicLong acceptedSeq = new AtomicLong(-1);
    long started = System.nanoTime();
    CompletableFuture<JsonNode> answer;
    try {
      answer = client.callExpectFinal("agent", params, accepted -> {
        if (accepted.path("queueSeq").isIntegralNumber()) {
          acceptedSeq.set(accepted.path("queueSeq").asLong());
        }
      });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(TurnResult.failed(runId, 0, "cannot send: " + e.getMessage(), -1));
    }
    return answer.orTimeout(context.turnTimeout().toMillis(), TimeUnit.MILLISECONDS).handle((done, failure) -> {
      long latency = System.nanoTime() - started;
      if (failure != null) {
        return TurnResult.failed(runId, latency, reason(failure, context), acceptedSeq.get());
      }
      String status = done.path("status").asText("");
      if (!"ok".equals(status) && !"completed".equals(status)) {
        return TurnResult.failed(runId, latency, "status " + status + ": " + done.path("summary").asText(""),
            acceptedSeq.get());
      }
      String answeredRun = done.path("runId").asText(runId);
      if (!runId.equals(answeredRun)) {
        return TurnResult.failed(runId, latency, "final answer names another run: " + answeredRun, acceptedSeq.get());
      }
      return TurnResult.ok(runId, latency, acceptedSeq.get());
    });
  }

  private static String reason(Throwable failure, BenchContext context) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
        : failure;
    if (cause instanceof GatewayCallException) {
      return GatewayConnector.describe(((GatewayCallException) cause).error());
    }
    if (cause instanceof TimeoutException) {
      return "no final answer within " + context.turnTimeout().toSeconds() + " s";
    }
    return String.valueOf(cause.getMessage());
  }
}
