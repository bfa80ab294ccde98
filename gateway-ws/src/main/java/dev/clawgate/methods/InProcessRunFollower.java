package dev.clawgate.methods;

import dev.clawgate.protocol.wire.AgentFinal;
import dev.clawgate.session.RunOutcome;
import dev.clawgate.session.SessionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The self-hosted {@link RunFollower}: watches the run through the in-process hub (with the waiter's poll as
 * a safety net) and answers on the request's own connection, which lives in this process.
 */
final class InProcessRunFollower implements RunFollower {

  private final RunWaiter waiter;

  InProcessRunFollower(RunWaiter waiter) {
    this.waiter = waiter;
  }

  @Override
  public Following follow(Call call, SessionKey key, String runId, String agentId, Integer timeoutSeconds) {
    ConnectionContext connection = call.connection();
    CompletableFuture<RunOutcome> outcome = waiter.await(key, runId,
        (event, seq, text) -> connection.sendEvent("agent", EventPayloads.agentEvent(event, seq, text)));
    connection.onClose(() -> outcome.cancel(false));
    return new Following() {
      @Override
      public void release() {
        if (timeoutSeconds != null && timeoutSeconds > 0) {
          waiter.onTimeout(outcome, TimeUnit.SECONDS.toMillis(timeoutSeconds), () -> call.reply(
              AgentFinal.timeout(runId, "no result within " + timeoutSeconds + " s; the run goes on, use agent.wait")));
        }
        outcome.thenAccept(done -> call.reply(EventPayloads.agentFinal(done, agentId)));
      }

      @Override
      public void stop() {
        outcome.cancel(false);
      }
    };
  }
}
