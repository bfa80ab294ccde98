package dev.clawgate.session;

import java.util.List;

/**
 * One run's input: the message that leads it, messages folded into it ({@code collect} mode), and a note of
 * messages dropped at the queue cap ({@code summarize} policy), so the model knows they existed.
 */
public record Turn(InboundMessage lead, List<InboundMessage> collected, String droppedNote) {

  public Turn {
    collected = collected == null ? List.of() : List.copyOf(collected);
  }

  /** Every message this turn answers, lead first. */
  public List<InboundMessage> messages() {
    if (collected.isEmpty()) {
      return List.of(lead);
    }
    java.util.ArrayList<InboundMessage> all = new java.util.ArrayList<>(collected.size() + 1);
    all.add(lead);
    all.addAll(collected);
    return all;
  }
}
