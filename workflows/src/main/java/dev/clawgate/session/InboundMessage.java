package dev.clawgate.session;

/**
 * One event accepted into a session's queue. {@code runId} is the client's idempotency key: it names the run
 * the message starts and is the Temporal update id, so a retried send is recognised, never run twice.
 *
 * @param kind what the event asks of the session
 * @param runId the idempotency key, unique per session
 * @param sessionKey the session it belongs to
 * @param text the user's message (empty for a reset)
 * @param origin who sent it ({@code agent}, {@code chat}); carried into events so clients can tell
 * @param acceptedAtMs when the gateway accepted it, client-facing wall time
 * @param queueMode how it queues when the session is busy; null means the session's default
 */
public record InboundMessage(
    Kind kind, String runId, String sessionKey, String text, String origin, long acceptedAtMs, QueueMode queueMode) {

  public enum Kind {
    /** A user turn: the agent runs and replies. */
    MESSAGE,
    /** Start the session afresh: later turns see no earlier context. */
    RESET,
    /** A periodic turn of the agent's own; its ack-only reply is never delivered. */
    HEARTBEAT
  }

  public static InboundMessage message(String runId, SessionKey key, String text, String origin, long acceptedAtMs) {
    return new InboundMessage(Kind.MESSAGE, runId, key.value(), text, origin, acceptedAtMs, null);
  }

  public static InboundMessage reset(String runId, SessionKey key, long acceptedAtMs) {
    return new InboundMessage(Kind.RESET, runId, key.value(), "", "reset", acceptedAtMs, null);
  }

  /** Heartbeats always queue behind what is waiting: they never interrupt, steer or join a user's turn. */
  public static InboundMessage heartbeat(String runId, SessionKey key, String prompt, long acceptedAtMs) {
    return new InboundMessage(Kind.HEARTBEAT, runId, key.value(), prompt, "heartbeat", acceptedAtMs,
        QueueMode.FOLLOWUP);
  }

  public InboundMessage withQueueMode(QueueMode mode) {
    return new InboundMessage(kind, runId, sessionKey, text, origin, acceptedAtMs, mode);
  }

  /** The mode this message queues with under a session whose default is {@code sessionDefault}. */
  public QueueMode effectiveMode(QueueMode sessionDefault) {
    return queueMode == null ? sessionDefault : queueMode;
  }
}
