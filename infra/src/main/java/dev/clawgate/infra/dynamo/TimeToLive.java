package dev.clawgate.infra.dynamo;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code ttl} attribute of expiring records (idempotency records, pending responses, connections): epoch
 * seconds after which DynamoDB may delete the item.
 *
 * <p>DynamoDB deletes expired items only eventually (often within days, not seconds) and DynamoDB Local never
 * does, so every store that reads an expiring record must also check it here: an expired item still in the
 * table is treated as absent.
 */
public final class TimeToLive {

  /** The attribute's name, the same in every table that expires items. */
  public static final String ATTRIBUTE = "ttl";

  private TimeToLive() {}

  /** The {@code ttl} value for a record that should live {@code lifetime} from {@code now}. */
  public static long expiresAfter(Instant now, Duration lifetime) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("a record's lifetime cannot be negative: " + lifetime);
    }
    // Rounded up: a record never expires before its full lifetime has passed.
    Instant end = now.plus(lifetime);
    return end.getNano() == 0 ? end.getEpochSecond() : end.getEpochSecond() + 1;
  }

  /**
   * Whether a record whose {@code ttl} is {@code epochSeconds} still counts at {@code now}: a record without
   * one never expires; one whose second has come is gone, as DynamoDB would see it.
   */
  public static boolean isLive(Long epochSeconds, Instant now) {
    return epochSeconds == null || now.getEpochSecond() < epochSeconds;
  }
}
