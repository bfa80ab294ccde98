package dev.clawgate.hooks;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per remote address: {@code burst} requests at once, refilled at {@code perMinute}. Buckets
 * that refilled completely are forgotten when the map grows, so many addresses cannot exhaust memory.
 */
final class RateLimiter {

  private static final int MAX_TRACKED = 10_000;

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
    this.capacity = burst;
    this.perNano = perMinute / 60e9;
    this.nanoClock = nanoClock;
  }

  /** Takes one token for {@code address}; false when it has none left. */
  boolean tryAcquire(String address) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > MAX_TRACKED) {
      forgetFullBuckets(now);
    }
    Bucket bucket = buckets.computeIfAbsent(address == null ? "?" : address, a -> new Bucket(capacity, now));
    synchronized (bucket) {
      bucket.refill(now, capacity, perNano);
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  private void forgetFullBuckets(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket bucket = it.next();
      synchronized (bucket) {
        bucket.refill(now, capacity, perNano);
        if (bucket.tokens >= capacity) {
          it.remove();
        }
      }
    }
  }

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    void refill(long now, double capacity, double perNano) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
    }
  }
}
