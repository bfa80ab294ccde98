package dev.clawgate.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session's ordered queue and the memory that makes submissions idempotent: which run ids are waiting,
 * which turn is running (and which messages it answers), how recent runs ended. It applies the queue modes
 * and the cap with its drop policy.
 *
 * <p>Pure code, no Temporal: the workflow owns one and is its only caller, so it needs no locking, and the
 * rules can be tested on their own. {@link #snapshot()} carries it across continue-as-new.
 */
public final class SessionQueue {

  /** How many finished runs are remembered for repeats and {@code agent.wait}. */
  public static final int DEFAULT_FINISHED_MEMORY = 512;
  /** A dropped message's note is cut to this many characters. */
  static final int NOTE_CHARS = 160;

  private final ArrayDeque<InboundMessage> pending = new ArrayDeque<>();
  private final LinkedHashMap<String, RunOutcome> finished;
  private final List<String> droppedNotes = new ArrayList<>();
  private final List<InboundMessage> absorbed = new ArrayList<>();
  private Turn active;
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
    for (RunOutcome outcome : from.finished()) {
      finished.put(outcome.runId(), outcome);
    }
    acceptedCount = from.acceptedCount();
    droppedNotes.addAll(from.droppedNotes());
  }

  /**
   * Queues a message unless its run id is already known; answers what the sender should be told. At the cap
   * the policy decides: {@code new} refuses this message, {@code old}/{@code summarize} drop the oldest waiting
   * one (recording a {@code dropped} outcome for it).
   */
  public SubmitResult offer(InboundMessage message, QueuePolicy policy, long nowMs) {
    RunOutcome done = finished.get(message.runId());
    if (done != null) {
      return SubmitResult.done(done);
    }
    if (isActive(message.runId()) || isPending(message.runId())) {
      return SubmitResult.inFlight(message.runId());
    }
    if (message.kind() == InboundMessage.Kind.MESSAGE && pending.size() >= policy.cap()) {
      String full = "dropped: the session's queue is full (" + policy.cap() + " waiting)";
      if (policy.drop() == DropPolicy.NEW) {
        return SubmitResult.dropped(RunOutcome.notRun(message, RunOutcome.DROPPED, full, nowMs));
      }
      InboundMessage oldest = pending.pollFirst();
      boolean summarize = policy.drop() == DropPolicy.SUMMARIZE;
      finished.put(oldest.runId(), RunOutcome.notRun(oldest, RunOutcome.DROPPED,
          full + (summarize ? "; a note of it goes to the next turn" : ""), nowMs));
      if (summarize && oldest.kind() == InboundMessage.Kind.MESSAGE) {
        droppedNotes.add(abbreviate(oldest.text()));
      }
    }
    int ahead;
    if (message.effectiveMode(policy.mode()) == QueueMode.INTERRUPT && active != null) {
      pending.addFirst(message);
      ahead = 0;
    } else {
      ahead = pending.size() + (active == null ? 0 : 1);
      pending.addLast(message);
    }
    return SubmitResult.accepted(message, ahead, ++acceptedCount);
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  public boolean hasPendingOfKind(InboundMessage.Kind kind) {
    for (InboundMessage message : pending) {
      if (message.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  public boolean isRunning() {
    return active != null;
  }

  public int pendingCount() {
    return pending.size();
  }

  /**
   * Takes the oldest waiting message and marks its turn running; one at a time is the session's discipline.
   * A {@code collect} message takes the {@code collect} messages queued right behind it into the same turn.
   */
  public Turn startNext(QueueMode sessionDefault) {
    if (active != null) {
      throw new IllegalStateException("run " + active.lead().runId() + " is still active");
    }
    InboundMessage lead = pending.pollFirst();
    if (lead == null) {
      return null;
    }
    List<InboundMessage> collected = new ArrayList<>();
    if (lead.kind() == InboundMessage.Kind.MESSAGE && lead.effectiveMode(sessionDefault) == QueueMode.COLLECT) {
      while (!pending.isEmpty() && pending.peekFirst().kind() == InboundMessage.Kind.MESSAGE
          && pending.peekFirst().effectiveMode(sessionDefault) == QueueMode.COLLECT) {
        collected.add(pending.pollFirst());
      }
    }
    String note = null;
    if (lead.kind() == InboundMessage.Kind.MESSAGE && !droppedNotes.isEmpty()) {
      note = droppedNotes.size() + " earlier message(s) were dropped because the queue was full: "
          + String.join(" | ", droppedNotes);
      droppedNotes.clear();
    }
    active = new Turn(lead, collected, note);
    absorbed.clear();
    return active;
  }

  /**
   * Removes the waiting {@code steer} messages so the running turn can give them to the model at its next
   * step; they are answered by that turn.
   */
  public List<InboundMessage> takeSteers(QueueMode sessionDefault) {
    List<InboundMessage> steers = new ArrayList<>();
    if (active == null) {
      return steers;
    }
    for (Iterator<InboundMessage> it = pending.iterator(); it.hasNext(); ) {
      InboundMessage message = it.next();
      if (message.kind() == InboundMessage.Kind.MESSAGE && message.effectiveMode(sessionDefault) == QueueMode.STEER) {
        steers.add(message);
        it.remove();
      }
    }
    absorbed.addAll(steers);
    return steers;
  }

  public Optional<Turn> active() {
    return Optional.ofNullable(active);
  }

  /** Records how the active turn ended, for its lead and every message it answered, and frees the session. */
  public void finish(RunOutcome outcome) {
    if (active == null || !active.lead().runId().equals(outcome.runId())) {
      throw new IllegalStateException("run " + outcome.runId() + " is not the active run");
    }
    finished.put(outcome.runId(), outcome);
    for (InboundMessage message : active.collected()) {
      finished.put(message.runId(), outcome.forRun(message.runId()));
    }
    for (InboundMessage message : absorbed) {
      finished.put(message.runId(), outcome.forRun(message.runId()));
    }
    absorbed.clear();
    active = null;
  }

  /**
   * Aborts {@code runId} (or, when null, whatever is running). A waiting run is removed and recorded as
   * aborted here; for the active run the caller must cancel it and then {@link #finish} it.
   *
   * @return the aborted run ids, the active one first if it was named
   */
  public List<String> abort(String runId, long nowMs) {
    List<String> aborted = new ArrayList<>();
    if (active != null && (runId == null || isActive(runId))) {
      aborted.add(active.lead().runId());
      return aborted;
    }
    if (runId != null) {
      for (Iterator<InboundMessage> it = pending.iterator(); it.hasNext(); ) {
        InboundMessage message = it.next();
        if (message.runId().equals(runId)) {
          it.remove();
          finished.put(runId, RunOutcome.notRun(message, RunOutcome.ABORTED, "aborted before it started", nowMs));
          aborted.add(runId);
        }
      }
    }
    return aborted;
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
      throw new IllegalStateException("cannot snapshot while run " + active.lead().runId() + " is active");
    }
    return new Snapshot(new ArrayList<>(pending), new ArrayList<>(finished.values()), acceptedCount,
        new ArrayList<>(droppedNotes));
  }

  private boolean isActive(String runId) {
    if (active == null) {
      return false;
    }
    if (active.lead().runId().equals(runId)) {
      return true;
    }
    for (InboundMessage message : active.collected()) {
      if (message.runId().equals(runId)) {
        return true;
      }
    }
    for (InboundMessage message : absorbed) {
      if (message.runId().equals(runId)) {
        return true;
      }
    }
    return false;
  }

  private boolean isPending(String runId) {
    for (InboundMessage message : pending) {
      if (message.runId().equals(runId)) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= NOTE_CHARS ? oneLine : oneLine.substring(0, NOTE_CHARS) + "…";
  }

  /**
   * What survives continue-as-new: the waiting messages in order, the memory of finished runs, how many
   * messages were ever accepted (so acceptance numbers keep increasing), and notes of dropped messages not
   * yet given to a turn.
   */
  public record Snapshot(List<InboundMessage> pending, List<RunOutcome> finished, long acceptedCount,
      List<String> droppedNotes) {
    public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), 0, List.of());

    public Snapshot {
      pending = pending == null ? List.of() : List.copyOf(pending);
      finished = finished == null ? List.of() : List.copyOf(finished);
      droppedNotes = droppedNotes == null ? List.of() : List.copyOf(droppedNotes);
    }
  }
}
