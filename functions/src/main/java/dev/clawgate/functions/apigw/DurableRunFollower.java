package dev.clawgate.functions.apigw;

import dev.clawgate.methods.Call;
import dev.clawgate.methods.RunFollower;
import dev.clawgate.session.SessionKey;

/**
 * The AWS {@link RunFollower}: the Lambda that accepts an {@code agent} request records where the answer goes
 * ({@link PendingResponseTable}) and returns; the worker's {@link ApiGatewayEventSink} posts the run's events
 * and final answer there. The request's {@code timeout} is not enforced (no process stays to keep the timer);
 * the client's own timeout applies, and {@code agent.wait} still answers.
 *
 * <p>Known race: a run that ends before the interim {@code accepted} answer has been posted reaches the client
 * final-first; clients resolve the request on the final answer and ignore the late interim one.
 */
public final class DurableRunFollower implements RunFollower {

  private final PendingResponseTable pending;

  public DurableRunFollower(PendingResponseTable pending) {
    this.pending = pending;
  }

  @Override
  public Following follow(Call call, SessionKey key, String runId, String agentId, Integer timeoutSeconds) {
    PendingResponse record = new PendingResponse(runId, call.connection().connId(), call.requestId(), key.value(),
        agentId, PendingResponse.AGENT);
    pending.put(record);
    return new Following() {
      @Override
      public void release() {
        // Nothing to do: the record is already where the worker looks.
      }

      @Override
      public void stop() {
        pending.delete(record);
      }
    };
  }
}
