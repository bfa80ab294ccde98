package dev.clawgate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(60, 2, nanos::get);

  @Test
  void anAddressGetsItsBurstThenOneRequestPerRefill() {
    assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();

    nanos.addAndGet(1_000_000_000L); // 60 per minute: one token a second
    assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
  }

  @Test
  void addressesHaveBucketsOfTheirOwn() {
    limiter.tryAcquire("10.0.0.1");
    limiter.tryAcquire("10.0.0.1");

    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
  }
}
