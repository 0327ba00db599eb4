package io.siplane.edge.limit;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-source token buckets: each source IP may send {@code ratePerSecond} requests a second on average and {@code
 * burst} at once. The buckets live in a map bounded to {@code maxSources} entries, least recently seen evicted first
 * (an evicted source starts again with a full bucket, which only ever errs towards letting traffic through). One
 * lock around an access-ordered map: every operation is O(1) and a few hundred nanoseconds, far below a SIP
 * message's parse.
 */
public final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private final int maxSources;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets;

    public RateLimiter(double ratePerSecond, int burst, int maxSources, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1 || maxSources < 1)
            throw new IllegalArgumentException("rate-limit: rate > 0, burst >= 1, max-sources >= 1");
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxSources = maxSources;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(Math.min(maxSources, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > RateLimiter.this.maxSources;
            }
        };
    }

    public RateLimiter(double ratePerSecond, int burst, int maxSources) {
        this(ratePerSecond, burst, maxSources, System::nanoTime);
    }

    /** Takes one token for {@code source}; false when its bucket is empty (the request is over the limit). */
    public boolean tryAcquire(InetAddress source) {
        long now = nanoClock.getAsLong();
        synchronized (buckets) {
            Bucket b = buckets.get(source);
            if (b == null) {
                buckets.put(source, new Bucket(burst - 1, now));
                return true;
            }
            b.tokens = Math.min(burst, b.tokens + (now - b.updated) * ratePerNano);
            b.updated = now;
            if (b.tokens < 1) return false;
            b.tokens -= 1;
            return true;
        }
    }

    /** Sources currently tracked (at most {@code maxSources}). */
    public int trackedSources() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
