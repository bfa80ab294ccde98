package dev.clawgate.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Test-only, thread-safe in-memory {@link CronStore}: the reference the contract tests hold implementations to. */
public final class InMemoryCronStore implements CronStore {

  private final Map<String, CronJob> jobs = new LinkedHashMap<>();
  private final Map<String, List<CronRunRecord>> runs = new LinkedHashMap<>();
  private long revision;

  @Override
  public synchronized List<CronJob> list() {
    return new ArrayList<>(jobs.values());
  }

  @Override
  public synchronized Optional<CronJob> get(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public synchronized boolean add(CronJob job) {
    if (jobs.putIfAbsent(job.id(), job) != null) {
      return false;
    }
    revision++;
    return true;
  }

  @Override
  public synchronized Optional<CronJob> update(String jobId, UnaryOperator<CronJob> change) {
    CronJob current = jobs.get(jobId);
    if (current == null) {
      return Optional.empty();
    }
    CronJob next = Objects.requireNonNull(change.apply(current), "changed job");
    if (!next.id().equals(jobId)) {
      throw new IllegalArgumentException("a change may not alter the job id");
    }
    jobs.put(jobId, next);
    if (!next.sameDefinition(current)) {
      revision++;
    }
    return Optional.of(next);
  }

  @Override
  public synchronized boolean remove(String jobId) {
    runs.remove(jobId);
    if (jobs.remove(jobId) == null) {
      return false;
    }
    revision++;
    return true;
  }

  @Override
  public synchronized boolean appendRun(CronRunRecord run) {
    List<CronRunRecord> history = runs.computeIfAbsent(run.jobId(), id -> new ArrayList<>());
    if (history.stream().anyMatch(r -> r.runId().equals(run.runId()))) {
      return false;
    }
    history.add(run);
    return true;
  }

  @Override
  public synchronized List<CronRunRecord> runs(String jobId) {
    return new ArrayList<>(runs.getOrDefault(jobId, List.of()));
  }

  @Override
  public synchronized long revision() {
    return revision;
  }
}
