package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.auth.NonceCountTracker.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonceCountTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private static Verdict use(NonceCountTracker tracker, String nonce, long nc, Instant issuedAt, Instant now) {
        return tracker.record(nonce, nc, issuedAt, issuedAt.plus(LIFETIME), now);
    }

    @Test
    void countsMustStrictlyIncreasePerNonce() {
        NonceCountTracker tracker = new NonceCountTracker();
        assertThat(use(tracker, "a", 1, T0, T0)).isEqualTo(Verdict.ACCEPTED);
        assertThat(use(tracker, "a", 1, T0, T0)).isEqualTo(Verdict.REPLAYED);
        assertThat(use(tracker, "a", 3, T0, T0)).isEqualTo(Verdict.ACCEPTED);
        assertThat(use(tracker, "a", 2, T0, T0)).isEqualTo(Verdict.REPLAYED);
        assertThat(use(tracker, "b", 1, T0, T0)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void countZeroIsNeverAccepted() {
        assertThat(use(new NonceCountTracker(), "a", 0, T0, T0)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void sizeNeverExceedsTheBound() {
        NonceCountTracker tracker = new NonceCountTracker(10);
        for (int i = 0; i < 100; i++) {
            Instant issued = T0.plusMillis(i);
            assertThat(use(tracker, "n" + i, 1, issued, issued)).isEqualTo(Verdict.ACCEPTED);
            assertThat(tracker.size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void anEvictedLiveNonceIsForgottenNotAcceptedAgain() {
        NonceCountTracker tracker = new NonceCountTracker(1);
        use(tracker, "old", 1, T0, T0);
        use(tracker, "new", 1, T0.plusMillis(1), T0.plusMillis(1));

        assertThat(use(tracker, "old", 1, T0, T0.plusMillis(2))).isEqualTo(Verdict.FORGOTTEN);
        assertThat(use(tracker, "new", 1, T0.plusMillis(1), T0.plusMillis(2))).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void expiredNoncesAreDroppedBeforeLiveOnes() {
        NonceCountTracker tracker = new NonceCountTracker(2);
        use(tracker, "a", 1, T0, T0);
        use(tracker, "b", 1, T0.plusSeconds(1), T0.plusSeconds(1));
        Instant later = T0.plus(LIFETIME).plusSeconds(10);

        assertThat(use(tracker, "c", 1, later, later)).isEqualTo(Verdict.ACCEPTED);

        assertThat(tracker.size()).isEqualTo(1);
        // Nothing live was evicted, so an unseen nonce issued earlier is still judged on its count.
        assertThat(use(tracker, "d", 1, T0.plusSeconds(20), later)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void evictExpiredDropsOnlyExpiredEntries() {
        NonceCountTracker tracker = new NonceCountTracker();
        use(tracker, "a", 1, T0, T0);
        use(tracker, "b", 1, T0.plus(LIFETIME), T0.plus(LIFETIME));
        assertThat(tracker.evictExpired(T0.plus(LIFETIME))).isEqualTo(1);
        assertThat(tracker.size()).isEqualTo(1);
    }
}
