package io.siplane.edge.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final InetAddress a = ip("192.0.2.1");
    private final InetAddress b = ip("192.0.2.2");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSourceMaySendItsBurstAtOnceThenTheRate() {
        RateLimiter limiter = new RateLimiter(10, 3, 100, clock::get);
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        clock.addAndGet(50_000_000L); // 50 ms: half a token at 10/s
        assertThat(limiter.tryAcquire(a)).isFalse();
        clock.addAndGet(50_000_000L); // 100 ms: one token
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        clock.addAndGet(10_000_000_000L); // a long pause refills to the burst, not beyond
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
    }

    @Test
    void sourcesAreLimitedEachOnTheirOwn() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, clock::get);
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(limiter.tryAcquire(b)).isTrue();
    }

    @Test
    void theMapIsBoundedAndForgetsTheLeastRecentlySeenSource() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, clock::get);
        limiter.tryAcquire(a);
        limiter.tryAcquire(b);
        limiter.tryAcquire(ip("192.0.2.3")); // evicts a
        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(limiter.tryAcquire(a)).isTrue(); // a fresh bucket
        for (int i = 0; i < 1000; i++) limiter.tryAcquire(ip("198.51.100." + (i % 250)));
        assertThat(limiter.trackedSources()).isEqualTo(2);
    }
}
