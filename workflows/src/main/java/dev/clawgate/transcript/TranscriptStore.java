package dev.clawgate.transcript;

import java.util.List;
import java.util.Optional;

/**
 * Port: where transcripts live (local disk when self-hosted, DynamoDB on AWS). Every implementation must
 * make {@link #append} idempotent on the entry id and durable before it returns, because the run reports
 * success only after its entries are stored.
 */
public interface TranscriptStore {

  /**
   * Appends an entry unless one with the same id exists; the store sets {@code parentId} to the entry before.
   *
   * @return true when written, false when an entry with that id was already there
   */
  boolean append(String sessionKey, TranscriptEntry entry);

  Optional<TranscriptEntry> find(String sessionKey, String entryId);

  /** The whole transcript in order, resets included. */
  List<TranscriptEntry> readAll(String sessionKey);

  /** The entries since the last reset: what the model sees and {@code chat.history} shows. */
  default List<TranscriptEntry> readCurrent(String sessionKey) {
    List<TranscriptEntry> all = readAll(sessionKey);
    int start = 0;
    for (int i = 0; i < all.size(); i++) {
      if (TranscriptEntry.RESET.equals(all.get(i).type())) {
        start = i + 1;
      }
    }
    return all.subList(start, all.size());
  }
}
