package dev.clawgate.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Slows down credential guessing: after {@link #MAX_FAILURES} failed connects from one peer within
 * {@link #WINDOW_MS}, that peer is locked out for {@link #LOCKOUT_MS}, even with the right credentials. Local
 * peers ({@link Peer#local()}) are exempt, so the owner's CLI is never locked out. Success clears the peer's
 * count.
 *
 * <p>In memory and per process, like OpenClaw's. At most {@link #MAX_PEERS} peers are tracked; beyond that the
 * peer whose last failure is oldest is forgotten, so a flood of addresses cannot grow memory without bound.
 */
public final class AuthRateLimiter {

  public static final int MAX_FAILURES = 10;
  public static final long WINDOW_MS = 60_000;
  public static final long LOCKOUT_MS = 5 * 60_000;
  static final int MAX_PEERS = 10_000;

  private final Clock clock;
  /** Access-ordered, so the first entry is the one touched longest ago. */
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Entry {
    final Deque<Long> failures = new ArrayDeque<>();
    long lockedUntil;
  }

  public AuthRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code peer} stays locked out, in ms; empty when it may try. */
  public synchronized OptionalLong lockedFor(Peer peer) {
    if (peer.local()) {
      return OptionalLong.empty();
    }
    Entry entry = entries.get(peer.rateLimitKey());
    long now = clock.millis();
    if (entry == null || entry.lockedUntil <= now) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(entry.lockedUntil - now);
  }

  /** Counts a failed attempt; the {@value #MAX_FAILURES}th within the window starts the lockout. */
  public synchronized void recordFailure(Peer peer) {
    if (peer.local()) {
      return;
    }
    long now = clock.millis();
    String key = peer.rateLimitKey();
    Entry entry = entries.get(key);
    if (entry == null) {
      if (entries.size() >= MAX_PEERS) {
        forgetIdle(now);
      }
      entry = new Entry();
      entries.put(key, entry);
    }
    if (entry.lockedUntil > now) {
      return; // already locked: failures while locked do not extend the lockout
    }
    while (!entry.failures.isEmpty() && entry.failures.peekFirst() <= now - WINDOW_MS) {
      entry.failures.pollFirst();
    }
    entry.failures.addLast(now);
    if (entry.failures.size() >= MAX_FAILURES) {
      entry.lockedUntil = now + LOCKOUT_MS;
      entry.failures.clear();
    }
  }

  /** Forgets the peer's failures after a successful connect. */
  public synchronized void reset(Peer peer) {
    entries.remove(peer.rateLimitKey());
  }

  synchronized int trackedPeers() {
    return entries.size();
  }

  /** Drops entries with nothing left to remember; if none, the least recently touched one. */
  private void forgetIdle(long now) {
    Iterator<Entry> it = entries.values().iterator();
    boolean dropped = false;
    while (it.hasNext()) {
      Entry entry = it.next();
      boolean stale = entry.lockedUntil <= now
          && (entry.failures.isEmpty() || entry.failures.peekLast() <= now - WINDOW_MS);
      if (stale) {
        it.remove();
        dropped = true;
      }
    }
    if (!dropped && !entries.isEmpty()) {
      it = entries.values().iterator();
      it.next();
      it.remove();
    }
  }
}
