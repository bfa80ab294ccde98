package dev.clawgate.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session's ordered queue, with the memory that makes submissions idempotent: which run ids are waiting,
 * which one is running, and how the recent ones ended.
 *
 * <p>Pure code, no Temporal: the workflow owns one and is its only caller, so it needs no locking, and the
 * ordering and dedupe rules can be tested on their own. {@link #snapshot()} carries it across
 * continue-as-new.
 */
public final class SessionQueue {

  /** How many finished runs are remembered for repeats and {@code agent.wait}. */
  public static final int DEFAULT_FINISHED_MEMORY = 512;

  private final ArrayDeque<InboundMessage> pending = new ArrayDeque<>();
  private final LinkedHashMap<String, RunOutcome> finished;
  private InboundMessage active;
  private long acceptedCount;

  public SessionQueue() {
    this(Snapshot.EMPTY, DEFAULT_FINISHED_MEMORY);
  }

  public SessionQueue(Snapshot from, int finishedMemory) {
    this.finished = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, RunOutcome> eldest) {
        return size() > finishedMemory;
      }
    };
    pending.addAll(from.pending());
    acceptedCount = from.acceptedCount();
    for (RunOutcome outcome : from.finished()) {
      finished.put(outcome.runId(), outcome);
    }
  }

  /** Queues a message unless its run id is already known; answers what the sender should be told. */
  public SubmitResult offer(InboundMessage message) {
    RunOutcome done = finished.get(message.runId());
    if (done != null) {
      return SubmitResult.done(done);
    }
    if (isActive(message.runId()) || isPending(message.runId())) {
      return SubmitResult.inFlight(message.runId());
    }
    int ahead = pending.size() + (active == null ? 0 : 1);
    pending.addLast(message);
    return SubmitResult.accepted(message, ahead, ++acceptedCount);
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  public boolean isRunning() {
    return active != null;
  }

  public int pendingCount() {
    return pending.size();
  }

  /** Takes the oldest waiting message and marks it running; one at a time is the session's discipline. */
  public InboundMessage startNext() {
    if (active != null) {
      throw new IllegalStateException("run " + active.runId() + " is still active");
    }
    active = pending.pollFirst();
    return active;
  }

  public Optional<InboundMessage> active() {
    return Optional.ofNullable(active);
  }

  /** Records how the active run ended and frees the session for the next one. */
  public void finish(RunOutcome outcome) {
    if (active == null || !active.runId().equals(outcome.runId())) {
      throw new IllegalStateException("run " + outcome.runId() + " is not the active run");
    }
    finished.put(outcome.runId(), outcome);
    active = null;
  }

  public RunState state(String runId) {
    RunOutcome done = finished.get(runId);
    if (done != null) {
      return RunState.done(done);
    }
    if (isActive(runId)) {
      return RunState.running(runId);
    }
    if (isPending(runId)) {
      return RunState.queued(runId);
    }
    return RunState.unknown(runId);
  }

  public List<String> pendingRunIds() {
    List<String> ids = new ArrayList<>(pending.size());
    for (InboundMessage message : pending) {
      ids.add(message.runId());
    }
    return ids;
  }

  /** The state to carry into a new workflow run; only valid between runs. */
  public Snapshot snapshot() {
    if (active != null) {
      throw new IllegalStateException("cannot snapshot while run " + active.runId() + " is active");
    }
    return new Snapshot(new ArrayList<>(pending), new ArrayList<>(finished.values()), acceptedCount);
  }

  private boolean isActive(String runId) {
    return active != null && active.runId().equals(runId);
  }

  private boolean isPending(String runId) {
    for (Iterator<InboundMessage> it = pending.iterator(); it.hasNext(); ) {
      if (it.next().runId().equals(runId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What survives continue-as-new: the waiting messages in order, the memory of finished runs, and how many
   * messages were ever accepted (so acceptance numbers keep increasing).
   */
  public record Snapshot(List<InboundMessage> pending, List<RunOutcome> finished, long acceptedCount) {
    public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), 0);

    public Snapshot {
      pending = pending == null ? List.of() : List.copyOf(pending);
      finished = finished == null ? List.of() : List.copyOf(finished);
    }
  }
}
