package dev.clawgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthRateLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final AuthRateLimiter limiter = new AuthRateLimiter(clock);
  private final Peer remote = Peer.direct("203.0.113.9");

  private void fail(Peer peer, int times) {
    for (int i = 0; i < times; i++) {
      limiter.recordFailure(peer);
    }
  }

  @Test
  void tenFailuresInAMinuteLockThePeerOutForFiveMinutes() {
    fail(remote, 9);
    assertThat(limiter.lockedFor(remote)).isEmpty();

    fail(remote, 1);

    assertThat(limiter.lockedFor(remote)).hasValue(AuthRateLimiter.LOCKOUT_MS);
  }

  @Test
  void theLockoutCountsDownAndEndsAfterFiveMinutes() {
    fail(remote, 10);

    clock.advance(Duration.ofMinutes(2));
    assertThat(limiter.lockedFor(remote)).hasValue(Duration.ofMinutes(3).toMillis());

    clock.advance(Duration.ofMinutes(3).minusMillis(1));
    assertThat(limiter.lockedFor(remote)).hasValue(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.lockedFor(remote)).isEmpty();
  }

  @Test
  void afterALockoutThePeerStartsAgainFromZero() {
    fail(remote, 10);
    clock.advance(Duration.ofMinutes(5));

    fail(remote, 9);

    assertThat(limiter.lockedFor(remote)).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    fail(remote, 9);
    clock.advance(Duration.ofSeconds(61));

    fail(remote, 9);

    assertThat(limiter.lockedFor(remote)).isEmpty();
    fail(remote, 1);
    assertThat(limiter.lockedFor(remote)).isPresent();
  }

  @Test
  void failuresDuringALockoutDoNotExtendIt() {
    fail(remote, 10);
    clock.advance(Duration.ofMinutes(4));

    fail(remote, 20);

    assertThat(limiter.lockedFor(remote)).hasValue(Duration.ofMinutes(1).toMillis());
  }

  @Test
  void aSuccessClearsThePeersCount() {
    fail(remote, 9);

    limiter.reset(remote);
    fail(remote, 9);

    assertThat(limiter.lockedFor(remote)).isEmpty();
  }

  @Test
  void peersAreCountedSeparately() {
    Peer other = Peer.direct("198.51.100.4");

    fail(remote, 10);

    assertThat(limiter.lockedFor(remote)).isPresent();
    assertThat(limiter.lockedFor(other)).isEmpty();
  }

  @Test
  void loopbackPeersAreNeverLockedOut() {
    for (String address : new String[] {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1"}) {
      Peer local = Peer.direct(address);

      fail(local, 50);

      assertThat(limiter.lockedFor(local)).as(address).isEmpty();
    }
  }

  @Test
  void aBrowserPageOnLoopbackIsLimitedPerOrigin() {
    Peer evil = new Peer("127.0.0.1", "https://evil.example", false);
    Peer other = new Peer("127.0.0.1", "https://other.example", false);

    fail(evil, 10);

    assertThat(limiter.lockedFor(evil)).isPresent();
    assertThat(limiter.lockedFor(other)).isEmpty();
    assertThat(limiter.lockedFor(Peer.direct("127.0.0.1"))).isEmpty();
  }

  @Test
  void connectionsThroughAProxyOnLoopbackAreNotExempt() {
    Peer proxied = new Peer("127.0.0.1", null, true);

    fail(proxied, 10);

    assertThat(limiter.lockedFor(proxied)).isPresent();
  }

  @Test
  void theNumberOfTrackedPeersIsBounded() {
    for (int i = 0; i < AuthRateLimiter.MAX_PEERS + 500; i++) {
      limiter.recordFailure(Peer.direct("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
    }

    assertThat(limiter.trackedPeers()).isLessThanOrEqualTo(AuthRateLimiter.MAX_PEERS);
  }
}
