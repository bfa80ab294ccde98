package dev.clawgate.functions.apigw;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.methods.RunAnswers;
import dev.clawgate.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * the connection's next number from the shared counter. Assistant text longer than a quarter of the message
 * limit in one delta is split into several deltas first, so streamed text never has to be cut. A connection
 * that is gone has its records removed; nothing here ever fails the run: every error is logged and swallowed.
 */
public final class ApiGatewayEventSink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayEventSink.class);

  private final RunEventHub hub = new RunEventHub();
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
    deliverToRequests(event, runSeq, textSoFar);
    deliverToWatchers(event, runSeq, textSoFar);
  }

  private void deliverToRequests(RunEvent event, long runSeq, String textSoFar) {
    List<PendingResponse> waiting;
    try {
      waiting = pending.forRun(event.runId());
    } catch (RuntimeException e) {
      LOG.warn("could not read who waits for run {}", event.runId(), e);
      return;
    }
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
        }
      } catch (RuntimeException e) {
        LOG.warn("could not post run {} to connection {}", event.runId(), request.connectionId(), e);
      }
    }
  }

  private void deliverToWatchers(RunEvent event, long runSeq, String textSoFar) {
    Object payload = RunAnswers.chatEvent(event, runSeq, textSoFar);
    if (payload == null) {
      return;
    }
    List<SessionWatch> watchers;
    try {
      watchers = pending.watchers(event.sessionKey());
    } catch (RuntimeException e) {
      LOG.warn("could not read who watches session {}", event.sessionKey(), e);
      return;
    }
    for (SessionWatch watch : watchers) {
      try {
        if (!poster.sendEvent(watch.connectionId(), "chat", payload)) {
          pending.unwatch(watch);
        }
      } catch (RuntimeException e) {
        LOG.warn("could not post chat of run {} to connection {}", event.runId(), watch.connectionId(), e);
      }
    }
  }
}
