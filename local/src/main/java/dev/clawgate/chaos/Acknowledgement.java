package dev.clawgate.chaos;

import java.util.concurrent.CompletableFuture;

/**
 * What the gateway told the client about one message, over all its sends: how often it was freshly accepted
 * (must be once), its acceptance number ({@code queueSeq}), and the final answer. Thread-safe: the lane that
 * sends it and the auditor read it.
 */
public final class Acknowledgement {

  private final PlannedMessage message;
  private final CompletableFuture<Void> recognised = new CompletableFuture<>();
  private int sends;
  private int freshAcceptances;
  private int inFlightAnswers;
  private Long queueSeq;
  private String finalStatus;
  private String finalText;
  private String lastError;

  public Acknowledgement(PlannedMessage message) {
    this.message = message;
  }

  public PlannedMessage message() {
    return message;
  }

  synchronized void sent() {
    sends++;
  }

  /** An interim {@code status:"accepted"}: the session queued the message as new. */
  synchronized void accepted(Long seq) {
    freshAcceptances++;
    if (queueSeq == null) {
      queueSeq = seq;
    }
    recognised.complete(null);
  }

  /** {@code status:"in_flight"}: a repeat of a message the session already holds. */
  synchronized void inFlight() {
    inFlightAnswers++;
    recognised.complete(null);
  }

  /** The final answer ({@code ok}, {@code error}, {@code aborted}, {@code dropped}). */
  synchronized void finalAnswer(String status, String text) {
    if (finalStatus == null) {
      finalStatus = status;
      finalText = text;
    }
    recognised.complete(null);
  }

  synchronized void failedAttempt(String error) {
    lastError = error;
  }

  /** The lane is done with the message, answered or not: whoever waits for an acknowledgement stops waiting. */
  void settled() {
    recognised.complete(null);
  }

  /**
   * Completes once the gateway has answered for the message in any way (the next one may be sent), or the
   * lane gave up on it.
   */
  CompletableFuture<Void> recognised() {
    return recognised;
  }

  /**
   * The gateway holds the message durably: it answered {@code accepted}, {@code in_flight} or a final that is
   * not {@code dropped} (a dropped message was refused at the queue cap, and the client was told so).
   */
  public synchronized boolean isAccepted() {
    return freshAcceptances > 0 || inFlightAnswers > 0 || (finalStatus != null && !"dropped".equals(finalStatus));
  }

  public synchronized int sends() {
    return sends;
  }

  public synchronized int freshAcceptances() {
    return freshAcceptances;
  }

  public synchronized int inFlightAnswers() {
    return inFlightAnswers;
  }

  public synchronized Long queueSeq() {
    return queueSeq;
  }

  public synchronized String finalStatus() {
    return finalStatus;
  }

  public synchronized String finalText() {
    return finalText;
  }

  public synchronized String lastError() {
    return lastError;
  }

  public synchronized boolean isFinal() {
    return finalStatus != null;
  }
}
