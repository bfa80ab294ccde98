package dev.clawgate.methods;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which session recent run ids belong to, because {@code agent.wait} names only the run. Bounded:
 * older runs are found through the session key the client may pass, or the default agent's main session.
 */
final class RunDirectory {

  private static final int CAPACITY = 10_000;

  private final Map<String, String> sessionByRun = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized void remember(String runId, String sessionKey) {
    sessionByRun.put(runId, sessionKey);
  }

  synchronized String sessionOf(String runId) {
    return sessionByRun.get(runId);
  }
}
