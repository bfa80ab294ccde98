package dev.clawgate.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every message sent, per session in send order, with what the gateway acknowledged for it. */
public final class Ledger {

  private final List<CopyOnWriteArrayList<Acknowledgement>> bySession = new ArrayList<>();
  private final ConcurrentHashMap<String, Acknowledgement> byKey = new ConcurrentHashMap<>();

  public Ledger(int sessions) {
    for (int i = 0; i < sessions; i++) {
      bySession.add(new CopyOnWriteArrayList<>());
    }
  }

  /** Records a message before its first send; messages of one session must be recorded in send order. */
  public Acknowledgement record(PlannedMessage message) {
    Acknowledgement ack = new Acknowledgement(message);
    if (byKey.putIfAbsent(message.idempotencyKey(), ack) != null) {
      throw new IllegalStateException("idempotency key used twice: " + message.idempotencyKey());
    }
    bySession.get(message.session()).add(ack);
    return ack;
  }

  public int sessions() {
    return bySession.size();
  }

  /** The session's messages in send order. */
  public List<Acknowledgement> session(int session) {
    return List.copyOf(bySession.get(session));
  }

  public Acknowledgement find(String idempotencyKey) {
    return byKey.get(idempotencyKey);
  }

  public int sent() {
    return byKey.size();
  }

  public long finals() {
    return byKey.values().stream().filter(Acknowledgement::isFinal).count();
  }
}
