package io.siplane.sip.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the highest nonce-count seen per nonce, so a replayed request is refused (RFC 7616 §3.4,
 * §5.5: the server "SHOULD check that the nonce-count is greater than the last one it saw for that
 * nonce").
 *
 * <p>Bounded: at most {@code maxNonces} nonces are tracked. Expired nonces are dropped first; if
 * that is not enough, the oldest tracked nonces are forgotten and every nonce issued no later than a
 * forgotten one is then answered {@link Verdict#FORGOTTEN}, which the server turns into a stale
 * challenge. So a full table makes honest clients fetch a fresh nonce, but never lets a forgotten
 * nonce be replayed.
 *
 * <p>Per instance: servers behind a load balancer each keep their own tracker, so a request replayed
 * to a different instance is not caught here. The HMAC-protected nonce expiry ({@link
 * DigestServer#DEFAULT_NONCE_LIFETIME}) bounds that window; route by Call-ID or keep the lifetime short
 * where that matters. Thread-safe.
 */
public final class NonceCountTracker {

    /** Default bound: 100k nonces take roughly 25 MB of heap at most. */
    public static final int DEFAULT_MAX_TRACKED_NONCES = 100_000;

    /** What {@link #record} found. */
    public enum Verdict {
        /** The count is higher than any seen before for this nonce; it is now the highest. */
        ACCEPTED,
        /** The count is not higher than one already seen for this nonce: a replay. */
        REPLAYED,
        /** This nonce may have been evicted to keep the bound, so its history is unknown. */
        FORGOTTEN
    }

    private static final class Entry {
        long highestCount;
        final Instant issuedAt;
        final Instant expiresAt;

        Entry(long highestCount, Instant issuedAt, Instant expiresAt) {
            this.highestCount = highestCount;
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
        }
    }

    private final int maxNonces;
    /** Insertion order, so the eldest entries are the first evicted. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    /** Untracked nonces issued at or before this instant may have been evicted. */
    private Instant forgottenUpTo = Instant.MIN;

    /** A tracker bounded by {@link #DEFAULT_MAX_TRACKED_NONCES}. */
    public NonceCountTracker() {
        this(DEFAULT_MAX_TRACKED_NONCES);
    }

    public NonceCountTracker(int maxNonces) {
        if (maxNonces < 1) {
            throw new IllegalArgumentException("maxNonces must be positive: " + maxNonces);
        }
        this.maxNonces = maxNonces;
    }

    /**
     * Records a use of {@code nonce} with {@code nonceCount}.
     *
     * @param issuedAt when the (authentic) nonce was issued
     * @param expiresAt when it stops being accepted; it may be dropped from then on
     * @param now the current time, to drop expired entries when the table is full
     */
    public synchronized Verdict record(
            String nonce, long nonceCount, Instant issuedAt, Instant expiresAt, Instant now) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonceCount < 1) {
            return Verdict.REPLAYED; // counts start at 1 (RFC 7616 §3.4); 0 can only be a forgery
        }
        Entry entry = entries.get(nonce);
        if (entry != null) {
            if (nonceCount <= entry.highestCount) {
                return Verdict.REPLAYED;
            }
            entry.highestCount = nonceCount;
            return Verdict.ACCEPTED;
        }
        if (!issuedAt.isAfter(forgottenUpTo)) {
            return Verdict.FORGOTTEN;
        }
        if (entries.size() >= maxNonces) {
            makeRoom(now);
        }
        entries.put(nonce, new Entry(nonceCount, issuedAt, expiresAt));
        return Verdict.ACCEPTED;
    }

    /** Drops the nonces expired at {@code now}; returns how many. Call from a timer if desired. */
    public synchronized int evictExpired(Instant now) {
        int evicted = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (!it.next().expiresAt.isAfter(now)) {
                it.remove();
                evicted++;
            }
        }
        return evicted;
    }

    /** How many nonces are tracked now. */
    public synchronized int size() {
        return entries.size();
    }

    /** The bound given at construction. */
    public int maxNonces() {
        return maxNonces;
    }

    private void makeRoom(Instant now) {
        evictExpired(now);
        if (entries.size() < maxNonces) {
            return;
        }
        // Evict a tenth at once so a table full of live nonces is not rescanned on every insert.
        int target = maxNonces - Math.max(1, maxNonces / 10);
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
                it.hasNext() && entries.size() > target; ) {
            Entry eldest = it.next().getValue();
            if (eldest.issuedAt.isAfter(forgottenUpTo)) {
                forgottenUpTo = eldest.issuedAt;
            }
            it.remove();
        }
    }
}
