package dev.clawgate.functions.apigw;

import dev.clawgate.agent.EventSink;
import dev.clawgate.agent.RunEvent;
import dev.clawgate.gateway.FrameLimit;
import dev.clawgate.gateway.RunEventHub;
import dev.clawgate.methods.RunAnswers;
import dev.clawgate.protocol.Frame;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link EventSink} on AWS: posts a run's {@code agent} events and, when it ends, the final answer
 * to every request recorded as waiting for it ({@link PendingResponseTable}), through API Gateway's
 * management API. Runs in the worker process, not in Lambda.
 *
 * <p>Run events are numbered and accumulated by a {@link RunEventHub} exactly as self-hosted; each event frame
 * takes the connection's next number from the shared counter ({@link ConnectionTable#nextEventSeq}). A
 * connection that is gone (its item deleted, or a 410 from API Gateway) has its records removed; nothing here
 * ever fails the run: every error is logged and swallowed.
 */
public final class ApiGatewayEventSink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayEventSink.class);

  private final RunEventHub hub = new RunEventHub();
  private final PendingResponseTable pending;
  private final ConnectionTable connections;
  private final ManagementApi api;
  private final String endpoint;
  private final int maxPayload;

  /**
   * @param endpoint the management API of the WebSocket API's stage
   * @param maxPayload the largest message the transport carries (API Gateway: 128 KB)
   */
  public ApiGatewayEventSink(PendingResponseTable pending, ConnectionTable connections, ManagementApi api,
      String endpoint, int maxPayload) {
    this.pending = pending;
    this.connections = connections;
    this.api = api;
    this.endpoint = endpoint;
    this.maxPayload = maxPayload;
    hub.watchAll(this::deliver);
  }

  @Override
  public void publish(RunEvent event) {
    if (event instanceof RunEvent.Heartbeat) {
      return; // heartbeats are broadcast to every client self-hosted; on AWS that needs a subscription table
    }
    try {
      hub.publish(event);
    } catch (RuntimeException e) {
      LOG.warn("could not deliver {} of run {}", event.getClass().getSimpleName(), event.runId(), e);
    }
  }

  private void deliver(RunEvent event, long runSeq, String textSoFar) {
    List<PendingResponse> waiting;
    try {
      waiting = pending.forRun(event.runId());
    } catch (RuntimeException e) {
      LOG.warn("could not read who waits for run {}", event.runId(), e);
      return;
    }
    for (PendingResponse request : waiting) {
      try {
        deliver(request, event, runSeq, textSoFar);
      } catch (RuntimeException e) {
        LOG.warn("could not post run {} to connection {}", event.runId(), request.connectionId(), e);
      }
    }
  }

  private void deliver(PendingResponse request, RunEvent event, long runSeq, String textSoFar) {
    Optional<Long> seq = connections.nextEventSeq(request.connectionId());
    if (seq.isEmpty()) {
      pending.delete(request);
      return;
    }
    boolean open = post(request, Frame.Event.of("agent", RunAnswers.agentEvent(event, runSeq, textSoFar),
        seq.get()));
    if (open && event instanceof RunEvent.Ended ended) {
      post(request, Frame.Response.ok(request.requestId(), RunAnswers.agentFinal(ended.outcome(),
          request.agentId())));
      pending.delete(request);
    } else if (!open) {
      LOG.debug("connection {} is gone; run {} goes on without it", request.connectionId(), event.runId());
      pending.delete(request);
    }
  }

  private boolean post(PendingResponse request, Frame frame) {
    String text = FrameLimit.fit(frame, maxPayload);
    return text == null || api.post(endpoint, request.connectionId(), text);
  }
}
