package dev.clawgate.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The self-hosted {@link RunDirectory}: the most recently used {@value #CAPACITY} runs, in memory. Enough for a
 * single gateway process, which sees every request; older runs are found the way the port describes.
 */
public final class RecentRunDirectory implements RunDirectory {

  static final int CAPACITY = 10_000;

  private final Map<String, String> sessionByRun = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  };

  @Override
  public synchronized void remember(String runId, String sessionKey) {
    sessionByRun.put(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(sessionKey, "sessionKey"));
  }

  @Override
  public synchronized Optional<String> sessionOf(String runId) {
    return Optional.ofNullable(sessionByRun.get(runId));
  }
}
