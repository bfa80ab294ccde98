package dev.clawgate.gateway;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.session.RunOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The self-hosted {@link EventSink}: hands run events from activities to the connections that watch the run
 * or its session. It numbers each run's events and keeps the assistant text streamed so far, because
 * clients want both a sequence and the whole text in each delta.
 */
public final class RunEventHub implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(RunEventHub.class);

  /** Receives a run's events; called on the publishing (activity) thread, so it must not block. */
  @FunctionalInterface
  public interface Observer {
    void onEvent(RunEvent event, long runSeq, String textSoFar);
  }

  private final ConcurrentHashMap<String, RunStream> streams = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Observer>> byRun = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Observer>> bySession = new ConcurrentHashMap<>();
  private final Set<Observer> everything = new CopyOnWriteArraySet<>();
  /**
   * The outcomes of the last {@value #RECENT_OUTCOMES} runs that ended here. A client gets its final answer from
   * the Ended event, a moment before the session workflow has recorded the run as finished; a repeat sent in that
   * moment must get the same answer, not "in flight".
   */
  private final Map<String, RunOutcome> recentOutcomes = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RunOutcome> eldest) {
      return size() > RECENT_OUTCOMES;
    }
  };
  static final int RECENT_OUTCOMES = 1_024;

  @Override
  public void publish(RunEvent event) {
    String runKey = runKey(event.sessionKey(), event.runId());
    RunStream stream = streams.computeIfAbsent(runKey, k -> new RunStream());
    long seq;
    String text;
    synchronized (stream) {
      seq = ++stream.seq;
      if (event instanceof RunEvent.AssistantDelta) {
        RunEvent.AssistantDelta delta = (RunEvent.AssistantDelta) event;
        if (delta.step() != stream.step) {
          stream.step = delta.step();
          stream.text.setLength(0);
        }
        stream.text.append(delta.delta());
      }
      text = stream.text.toString();
    }
    if (event instanceof RunEvent.Ended ended) {
      streams.remove(runKey);
      synchronized (recentOutcomes) {
        recentOutcomes.put(runKey, ended.outcome());
      }
    }
    notify(byRun.get(runKey), event, seq, text);
    notify(bySession.get(event.sessionKey()), event, seq, text);
    notify(everything, event, seq, text);
  }

  /** The outcome of a run that ended here recently (see {@link #recentOutcomes}); empty if none is known. */
  public Optional<RunOutcome> recentOutcome(String sessionKey, String runId) {
    synchronized (recentOutcomes) {
      return Optional.ofNullable(recentOutcomes.get(runKey(sessionKey, runId)));
    }
  }

  /** Watches every run of every session (e.g. to broadcast heartbeats); close the handle to stop. */
  public AutoCloseable watchAll(Observer observer) {
    everything.add(observer);
    return () -> everything.remove(observer);
  }

  /** Watches one run; close the handle to stop. */
  public AutoCloseable watchRun(String sessionKey, String runId, Observer observer) {
    return watch(byRun, runKey(sessionKey, runId), observer);
  }

  /** Watches every run of a session; close the handle to stop. */
  public AutoCloseable watchSession(String sessionKey, Observer observer) {
    return watch(bySession, sessionKey, observer);
  }

  private static AutoCloseable watch(ConcurrentHashMap<String, Set<Observer>> map, String key, Observer observer) {
    // Added inside compute so a concurrent close of the last watcher cannot drop the set we add to.
    map.compute(key, (k, set) -> {
      Set<Observer> observers = set == null ? new CopyOnWriteArraySet<>() : set;
      observers.add(observer);
      return observers;
    });
    return () -> map.computeIfPresent(key, (k, set) -> {
      set.remove(observer);
      return set.isEmpty() ? null : set;
    });
  }

  private static void notify(Set<Observer> observers, RunEvent event, long seq, String text) {
    if (observers == null) {
      return;
    }
    for (Observer observer : observers) {
      try {
        observer.onEvent(event, seq, text);
      } catch (RuntimeException e) {
        // One broken watcher must not keep the event from the others, nor fail the run that published it.
        LOG.warn("run event observer failed for run {}", event.runId(), e);
      }
    }
  }

  private static String runKey(String sessionKey, String runId) {
    return sessionKey + '\u0000' + runId;
  }

  private static final class RunStream {
    long seq;
    int step = -1;
    final StringBuilder text = new StringBuilder();
  }
}
