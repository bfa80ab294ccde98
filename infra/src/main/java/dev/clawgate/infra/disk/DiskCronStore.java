package dev.clawgate.infra.disk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.schedule.CronJob;
import dev.clawgate.schedule.CronRunRecord;
import dev.clawgate.schedule.CronStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Cron jobs as one JSON file, {@code <folder>/jobs.json} ({@code {revision, jobs:[...]}}, oldest job first,
 * replaced atomically on every change), and each job's run history as JSONL, {@code <folder>/runs/<jobId>.jsonl}
 * (appended and forced to the device; rewritten through {@link AtomicJsonFile} to the newest {@value #KEEP_RUNS} entries when it grows past
 * twice that). Job ids are restricted to {@code [A-Za-z0-9_-]} by {@link CronJob}, so they are file names as is.
 *
 * <p>Jobs are few and read often, so they live in memory, loaded once; all writes take one lock. A torn last
 * history line (a crash mid-append) is ignored on reading and dropped by the next rewrite.
 */
public final class DiskCronStore implements CronStore {

  static final String JOBS_FILE = "jobs.json";
  static final String RUNS_FOLDER = "runs";
  static final int KEEP_RUNS = 500;

  private static final ObjectMapper LINES = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TypeReference<JobsFile> JOBS = new TypeReference<>() {};

  private final AtomicJsonFile jobsFile;
  private final Path runsFolder;
  private final Object lock = new Object();
  /** Replaced, never mutated, so readers need no lock. */
  private volatile Snapshot snapshot;
  private final Map<String, List<CronRunRecord>> runCache = new LinkedHashMap<>();

  public DiskCronStore(Path folder) {
    Objects.requireNonNull(folder, "folder");
    this.jobsFile = new AtomicJsonFile(folder.resolve(JOBS_FILE), "cron jobs");
    this.runsFolder = folder.resolve(RUNS_FOLDER);
    try {
      Files.createDirectories(runsFolder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cron folder " + folder, e);
    }
    this.snapshot = load(jobsFile);
  }

  @Override
  public List<CronJob> list() {
    return new ArrayList<>(snapshot.jobs().values());
  }

  @Override
  public Optional<CronJob> get(String jobId) {
    return Optional.ofNullable(snapshot.jobs().get(jobId));
  }

  @Override
  public boolean add(CronJob job) {
    Objects.requireNonNull(job, "job");
    synchronized (lock) {
      if (snapshot.jobs().containsKey(job.id())) {
        return false;
      }
      LinkedHashMap<String, CronJob> jobs = new LinkedHashMap<>(snapshot.jobs());
      jobs.put(job.id(), job);
      commit(jobs, true);
      return true;
    }
  }

  @Override
  public Optional<CronJob> update(String jobId, UnaryOperator<CronJob> change) {
    synchronized (lock) {
      CronJob current = snapshot.jobs().get(jobId);
      if (current == null) {
        return Optional.empty();
      }
      CronJob next = Objects.requireNonNull(change.apply(current), "the changed job");
      if (!next.id().equals(jobId)) {
        throw new IllegalArgumentException("a change may not alter the job id " + jobId);
      }
      LinkedHashMap<String, CronJob> jobs = new LinkedHashMap<>(snapshot.jobs());
      jobs.put(jobId, next);
      commit(jobs, !next.sameDefinition(current));
      return Optional.of(next);
    }
  }

  @Override
  public boolean remove(String jobId) {
    synchronized (lock) {
      runCache.remove(jobId);
      try {
        Files.deleteIfExists(runsFile(jobId));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the run history of cron job " + jobId, e);
      }
      if (!snapshot.jobs().containsKey(jobId)) {
        return false;
      }
      LinkedHashMap<String, CronJob> jobs = new LinkedHashMap<>(snapshot.jobs());
      jobs.remove(jobId);
      commit(jobs, true);
      return true;
    }
  }

  @Override
  public boolean appendRun(CronRunRecord run) {
    Objects.requireNonNull(run, "run");
    synchronized (lock) {
      List<CronRunRecord> history = history(run.jobId());
      for (CronRunRecord known : history) {
        if (known.runId().equals(run.runId())) {
          return false;
        }
      }
      history.add(run);
      if (history.size() > 2 * KEEP_RUNS) {
        List<CronRunRecord> kept = new ArrayList<>(history.subList(history.size() - KEEP_RUNS, history.size()));
        rewriteRuns(run.jobId(), kept);
        runCache.put(run.jobId(), kept);
      } else {
        appendLine(runsFile(run.jobId()), run);
      }
      return true;
    }
  }

  @Override
  public List<CronRunRecord> runs(String jobId) {
    synchronized (lock) {
      List<CronRunRecord> history = history(jobId);
      return new ArrayList<>(history.subList(Math.max(0, history.size() - KEEP_RUNS), history.size()));
    }
  }

  @Override
  public long revision() {
    return snapshot.revision();
  }

  private void commit(LinkedHashMap<String, CronJob> jobs, boolean newRevision) {
    Snapshot next = new Snapshot(snapshot.revision() + (newRevision ? 1 : 0), Collections.unmodifiableMap(jobs));
    // Disk first: if the write fails, memory still agrees with the file.
    jobsFile.write(new JobsFile(next.revision(), new ArrayList<>(jobs.values())));
    snapshot = next;
  }

  private List<CronRunRecord> history(String jobId) {
    return runCache.computeIfAbsent(jobId, id -> readRuns(runsFile(id)));
  }

  private Path runsFile(String jobId) {
    return runsFolder.resolve(jobId + ".jsonl");
  }

  private static List<CronRunRecord> readRuns(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cron run history " + file, e);
    }
    List<CronRunRecord> runs = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        runs.add(LINES.readValue(line, CronRunRecord.class));
      } catch (IOException tornOrForeign) {
        // A line cut short by a crash: the run it would have recorded is retried and written again.
      }
    }
    return runs;
  }

  private static void appendLine(Path file, CronRunRecord run) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      channel.position(channel.size());
      // Start on a fresh line if a crash left a torn one without its newline.
      String prefix = channel.size() > 0 && !endsWithNewline(channel) ? "\n" : "";
      ByteBuffer bytes = ByteBuffer.wrap((prefix + LINES.writeValueAsString(run) + "\n")
          .getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the cron run history " + file, e);
    }
  }

  private static boolean endsWithNewline(FileChannel channel) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, channel.size() - 1);
    return last.get(0) == '\n';
  }

  private void rewriteRuns(String jobId, List<CronRunRecord> runs) {
    new AtomicJsonFile(runsFile(jobId), "cron run history").writeLines(runs);
  }

  /** Starting empty over a corrupt file would drop every job on the next change: refuse instead. */
  private static Snapshot load(AtomicJsonFile file) {
    JobsFile stored;
    try {
      stored = file.read(JOBS).orElse(null);
    } catch (IllegalArgumentException e) {
      throw file.corrupt(e.getMessage(), e);
    }
    if (stored == null) {
      return new Snapshot(0, Map.of());
    }
    if (stored.jobs() == null) {
      throw file.corrupt("it holds no jobs list", null);
    }
    LinkedHashMap<String, CronJob> jobs = new LinkedHashMap<>();
    for (CronJob job : stored.jobs()) {
      if (job == null || jobs.put(job.id(), job) != null) {
        throw file.corrupt("a job is null or listed twice", null);
      }
    }
    return new Snapshot(stored.revision(), Collections.unmodifiableMap(jobs));
  }

  /** The file's shape. */
  record JobsFile(long revision, List<CronJob> jobs) {}

  private record Snapshot(long revision, Map<String, CronJob> jobs) {}
}
