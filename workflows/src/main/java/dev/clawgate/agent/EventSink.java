package dev.clawgate.agent;

/**
 * Port: where run events go. Self-hosted, an in-process hub hands them to WebSocket connections; on AWS a
 * sink posts them through API Gateway's management API.
 *
 * <p>Publishing is best effort and must never fail a run: a client that went away simply misses events
 * and can read the transcript.
 */
@FunctionalInterface
public interface EventSink {

  void publish(RunEvent event);

  EventSink NONE = event -> {};
}
