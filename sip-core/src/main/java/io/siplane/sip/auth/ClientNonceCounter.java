package io.siplane.sip.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client's nonce-count per nonce (RFC 7616 §3.4: "incremented by the client each time it sends a
 * request with the same nonce", starting at 1). Keep one per upstream (e.g. per trunk) and share it
 * across requests so reused nonces keep counting up.
 *
 * <p>Bounded to the most recently used nonces. A nonce pushed out starts again at 1; the server will
 * then refuse it as a replay and challenge again, which costs one round trip, not a failed call.
 * Thread-safe.
 */
public final class ClientNonceCounter {

    /** Default bound: far more nonces than one upstream keeps alive at once. */
    public static final int DEFAULT_MAX_NONCES = 1024;

    private final Map<String, Long> counts;

    /** A counter bounded by {@link #DEFAULT_MAX_NONCES}. */
    public ClientNonceCounter() {
        this(DEFAULT_MAX_NONCES);
    }

    public ClientNonceCounter(int maxNonces) {
        if (maxNonces < 1) {
            throw new IllegalArgumentException("maxNonces must be positive: " + maxNonces);
        }
        // Access order, so the least recently used nonce is the one dropped.
        this.counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxNonces;
            }
        };
    }

    /**
     * The next count for {@code nonce}: 1 the first time, then 2, 3, ... Past {@link
     * DigestCredentials#MAX_NONCE_COUNT} (four billion requests on one nonce) it starts over at 1 and
     * the server asks for a fresh nonce.
     */
    public synchronized long next(String nonce) {
        Objects.requireNonNull(nonce, "nonce");
        long next = counts.merge(nonce, 1L, (previous, one) -> previous + 1);
        if (next > DigestCredentials.MAX_NONCE_COUNT) {
            counts.put(nonce, 1L);
            return 1L;
        }
        return next;
    }
}
