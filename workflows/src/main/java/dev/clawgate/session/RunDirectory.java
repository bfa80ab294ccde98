package dev.clawgate.session;

import java.util.Optional;

/**
 * Port: which session a recent run id was submitted to. A run id is the idempotency key of the {@code agent} or
 * {@code chat.send} request that started it, and {@code agent.wait} names only the run, so the gateway
 * remembers where each run went. Self-hosted, one process answers every request and a bounded map in memory
 * will do ({@link RecentRunDirectory}); on AWS the {@code agent.wait} may reach another Lambda instance than
 * the {@code agent} did, so the record must be shared (DynamoDB).
 *
 * <p>A directory may forget: an old run, or one it never saw, is looked for where the caller would look
 * without it (the session key the client passes, else the default agent's main session).
 */
public interface RunDirectory {

  /** Remembers that {@code runId} was submitted to {@code sessionKey}; the latest submission wins. */
  void remember(String runId, String sessionKey);

  /** The session {@code runId} was submitted to, or empty when it is not (or no longer) known. */
  Optional<String> sessionOf(String runId);
}
