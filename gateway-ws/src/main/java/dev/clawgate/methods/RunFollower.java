package dev.clawgate.methods;

import dev.clawgate.session.SessionKey;

/**
 * Port: follows a run for the {@code agent} request that started it, so the request's connection hears the
 * run's {@code agent} events and, on the same request id, its final answer. Self-hosted, the gateway process
 * watches the run in memory ({@link InProcessRunFollower}); on AWS the request's Lambda invocation is long gone when the
 * run ends, so a durable record tells the worker's event sink where to post instead.
 */
public interface RunFollower {

  /**
   * Starts following {@code runId} before the run is submitted, so no event can slip past.
   *
   * @param timeoutSeconds when positive, answer {@code status:"timeout"} if the run has not ended by then (the
   *     run goes on); a follower that cannot keep a timer may ignore it, and says so in its documentation
   */
  Following follow(Call call, SessionKey key, String runId, String agentId, Integer timeoutSeconds);

  /** One followed run. */
  interface Following {

    /** The interim {@code accepted} answer has gone out: from now on the final answer may follow it. */
    void release();

    /** Stops following without a final answer (the run was answered another way, or never submitted). */
    void stop();
  }
}
