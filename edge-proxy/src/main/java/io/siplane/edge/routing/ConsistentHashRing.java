package io.siplane.edge.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A consistent-hash ring of named nodes with virtual nodes. A key goes to the first node clockwise from the key's
 * hash that the caller accepts (healthy); when a node leaves or turns unhealthy, only the keys that mapped to it
 * move, and they spread over the others thanks to the virtual nodes. Immutable and thread-safe.
 *
 * <p>Hash: the first 8 bytes of SHA-256, the same on every JVM and every edge instance, so that all edges send an
 * AOR (or, for issue 4, a Call-ID) to the same back end without talking to each other.
 */
public final class ConsistentHashRing {
    /** Virtual nodes per node: enough for an even spread over a handful of instances. */
    public static final int DEFAULT_VIRTUAL_NODES = 160;

    private final NavigableMap<Long, String> ring = new TreeMap<>();
    private final List<String> nodes;

    public ConsistentHashRing(Collection<String> nodes, int virtualNodes) {
        if (virtualNodes < 1) throw new IllegalArgumentException("virtualNodes must be at least 1");
        this.nodes = List.copyOf(nodes);
        for (String node : this.nodes) {
            for (int i = 0; i < virtualNodes; i++) {
                // a collision of two 64-bit points is next to impossible; the first node keeps the point
                ring.putIfAbsent(hash(node + "#" + i), node);
            }
        }
    }

    public ConsistentHashRing(Collection<String> nodes) {
        this(nodes, DEFAULT_VIRTUAL_NODES);
    }

    public List<String> nodes() {
        return nodes;
    }

    /**
     * The node for {@code key}: the first point clockwise from the key's hash whose node {@code usable} accepts.
     * Empty when no node is usable. Visits each point at most once.
     */
    public Optional<String> pick(String key, Predicate<String> usable) {
        if (ring.isEmpty()) return Optional.empty();
        long h = hash(key);
        for (Map.Entry<Long, String> e : ring.tailMap(h, true).entrySet()) {
            if (usable.test(e.getValue())) return Optional.of(e.getValue());
        }
        for (Map.Entry<Long, String> e : ring.headMap(h, false).entrySet()) {
            if (usable.test(e.getValue())) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    /** The node for {@code key} when every node is usable. */
    public Optional<String> pick(String key) {
        return pick(key, n -> true);
    }

    static long hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
