package dev.clawgate.functions.apigw;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.methods.RunAnswers;
import dev.clawgate.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link EventSink} on AWS, posting through API Gateway's management API what self-hosted
 * connections hear in memory:
 *
 * <ul>
 *   <li>a run's {@code agent} events and, when it ends, the final answer, to every request recorded as waiting
 *       for it ({@link PendingResponseTable#forRun});
 *   <li>the run's {@code chat} events to every connection that sent to or read its session
 *       ({@link PendingResponseTable#watchers}, written by {@link DurableSessionWatcher});
 *   <li>{@code heartbeat} events to every connected client ({@link ConnectionPoster#broadcast}).
 * </ul>
 *
 * <p>Run events are numbered and accumulated by a {@link RunEventHub} exactly as self-hosted; each frame takes
 * the connection's next number from the shared counter. Who waits for a run and who watches its session is read
 * from DynamoDB when the run starts streaming, again at most once a second, and always for its end (see
 * {@code audienceOf}). Assistant text longer than a quarter of the message limit in one delta is split into
 * several deltas first, so streamed text never has to be cut. A connection that is gone has its records removed;
 * nothing here ever fails the run: every error is logged and swallowed.
 */
public final class ApiGatewayEventSink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayEventSink.class);

  /** How long a run's audience, once read, is taken as still true (see {@code audienceOf}). */
  static final Duration REREAD_AFTER = Duration.ofSeconds(1);

  private final RunEventHub hub = new RunEventHub();
  /** Per streaming run (session key and run id): who waits for it and who watches its session. */
  private final ConcurrentHashMap<String, Audience> audiences = new ConcurrentHashMap<>();
  private final PendingResponseTable pending;
  private final ConnectionPoster poster;
  private final int maxDeltaBytes;

  public ApiGatewayEventSink(PendingResponseTable pending, ConnectionPoster poster) {
    this.pending = pending;
    this.poster = poster;
    // A delta event carries the delta and the text so far (which ends with it): a quarter leaves room for both.
    this.maxDeltaBytes = Math.max(1024, poster.maxPayload() / 4);
    hub.watchAll(this::deliver);
  }

  @Override
  public void publish(RunEvent event) {
    try {
      if (event instanceof RunEvent.Heartbeat heartbeat) {
        poster.broadcast("heartbeat", RunAnswers.heartbeatEvent(heartbeat));
        return;
      }
      for (RunEvent piece : pieces(event)) {
        hub.publish(piece);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not deliver {} of run {}", event.getClass().getSimpleName(), event.runId(), e);
    }
  }

  /** The event, or a long assistant delta as several consecutive deltas of the same step. */
  private List<RunEvent> pieces(RunEvent event) {
    if (!(event instanceof RunEvent.AssistantDelta delta)
        || delta.delta().getBytes(StandardCharsets.UTF_8).length <= maxDeltaBytes) {
      return List.of(event);
    }
    List<RunEvent> pieces = new ArrayList<>();
    String text = delta.delta();
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + width > maxDeltaBytes) {
        pieces.add(piece(delta, text.substring(start, i)));
        start = i;
        bytes = 0;
      }
      bytes += width;
      i += Character.charCount(codePoint);
    }
    pieces.add(piece(delta, text.substring(start)));
    return pieces;
  }

  private static RunEvent piece(RunEvent.AssistantDelta delta, String text) {
    return new RunEvent.AssistantDelta(delta.runId(), delta.sessionKey(), delta.agentId(), delta.step(), text,
        delta.ts());
  }

  private void deliver(RunEvent event, long runSeq, String textSoFar) {
    Audience audience = audienceOf(event);
    deliverToRequests(event, runSeq, textSoFar, audience.waiting());
    deliverToWatchers(event, runSeq, textSoFar, audience.watchers());
  }

  /**
   * Who hears {@code event}: the run's audience as read at most {@link #REREAD_AFTER} ago, read again when older,
   * and always read fresh for the run's end.
   *
   * <p>Why cache at all: reading both lists for every event made the sink's reads grow with the reply's length
   * (two strongly consistent queries per delta, some 50 RRU a turn) while the lists almost never change during a
   * run. Why only for a second: a client may start listening while the run streams (a second {@code chat.history},
   * a {@code chat.send} from another device); such a client misses at most the first second of what follows its
   * joining, as if it had joined a second later. Why fresh for the end: the final answer and the final
   * {@code chat} event are what a waiting client cannot do without, so who gets them is never taken from the
   * cache. The cache lives in this worker process only; another worker that streams a later step of the run
   * reads for itself, and a stale entry costs nothing but a read.
   */
  private Audience audienceOf(RunEvent event) {
    String run = event.sessionKey() + '\u0000' + event.runId();
    long now = System.nanoTime();
    if (event instanceof RunEvent.Ended) {
      audiences.remove(run);
      return read(event, now);
    }
    Audience known = audiences.get(run);
    if (known != null && now - known.readAtNanos() < REREAD_AFTER.toNanos()) {
      return known;
    }
    // Entries this old are worth nothing (the next event reads again): drop them, and with them the entries of
    // runs whose end another worker streamed.
    audiences.values().removeIf(audience -> now - audience.readAtNanos() >= REREAD_AFTER.toNanos());
    Audience fresh = read(event, now);
    if (fresh.complete()) {
      audiences.put(run, fresh);
    }
    return fresh;
  }

  private Audience read(RunEvent event, long now) {
    List<PendingResponse> waiting = null;
    List<SessionWatch> watchers = null;
    try {
      waiting = pending.forRun(event.runId());
    } catch (RuntimeException e) {
      LOG.warn("could not read who waits for run {}", event.runId(), e);
    }
    try {
      watchers = pending.watchers(event.sessionKey());
    } catch (RuntimeException e) {
      LOG.warn("could not read who watches session {}", event.sessionKey(), e);
    }
    return new Audience(waiting, watchers, now);
  }

  /** A connection found gone hears nothing more of the run, until a fresh read no longer lists it anyway. */
  private void forget(RunEvent event, String connId) {
    audiences.computeIfPresent(event.sessionKey() + '\u0000' + event.runId(), (run, audience) ->
        audience.without(connId));
  }

  private void deliverToRequests(RunEvent event, long runSeq, String textSoFar, List<PendingResponse> waiting) {
    for (PendingResponse request : waiting) {
      try {
        boolean open = poster.sendEvent(request.connectionId(), "agent",
            RunAnswers.agentEvent(event, runSeq, textSoFar));
        if (open && event instanceof RunEvent.Ended ended) {
          poster.send(request.connectionId(), Frame.Response.ok(request.requestId(),
              RunAnswers.agentFinal(ended.outcome(), request.agentId())));
          pending.delete(request);
        } else if (!open) {
          LOG.debug("connection {} is gone; run {} goes on without it", request.connectionId(), event.runId());
          pending.delete(request);
          forget(event, request.connectionId());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not post run {} to connection {}", event.runId(), request.connectionId(), e);
      }
    }
  }

  private void deliverToWatchers(RunEvent event, long runSeq, String textSoFar, List<SessionWatch> watchers) {
    Object payload = RunAnswers.chatEvent(event, runSeq, textSoFar);
    if (payload == null) {
      return;
    }
    for (SessionWatch watch : watchers) {
      try {
        if (!poster.sendEvent(watch.connectionId(), "chat", payload)) {
          pending.unwatch(watch);
          forget(event, watch.connectionId());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not post chat of run {} to connection {}", event.runId(), watch.connectionId(), e);
      }
    }
  }

  /**
   * A run's listeners as read at {@code readAtNanos}; a list that could not be read is empty and makes the
   * audience incomplete, so it is not cached and the next event tries again.
   */
  private record Audience(List<PendingResponse> waiting, List<SessionWatch> watchers, long readAtNanos,
      boolean complete) {

    Audience(List<PendingResponse> waiting, List<SessionWatch> watchers, long readAtNanos) {
      this(waiting == null ? List.of() : waiting, watchers == null ? List.of() : watchers, readAtNanos,
          waiting != null && watchers != null);
    }

    Audience without(String connId) {
      return new Audience(waiting.stream().filter(request -> !request.connectionId().equals(connId)).toList(),
          watchers.stream().filter(watch -> !watch.connectionId().equals(connId)).toList(), readAtNanos, complete);
    }
  }
}
