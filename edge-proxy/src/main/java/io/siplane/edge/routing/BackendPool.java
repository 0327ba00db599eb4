package io.siplane.edge.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named set of back-end instances (e.g. {@code registrar}) with their health, and the hash ring that spreads
 * keys over the healthy ones. Health changes come from the {@link io.siplane.edge.health.OptionsPinger}; the state
 * of each instance is a small counter machine: {@code failureThreshold} failures in a row make a healthy instance
 * unhealthy, {@code successThreshold} successes in a row make an unhealthy one healthy again.
 *
 * <p>Instances start <b>unhealthy</b> until their first answer: an edge that has never reached a registrar is not
 * ready, and routing to an instance that was never seen alive would black-hole requests. The first success after
 * start marks an instance healthy at once, so start-up takes one ping round trip, not {@code successThreshold}.
 */
public final class BackendPool {
    private final String name;
    private final Map<String, Backend> backends = new ConcurrentHashMap<>();
    private final ConsistentHashRing ring;
    private final int failureThreshold;
    private final int successThreshold;
    private final Map<String, Health> health = new ConcurrentHashMap<>();

    public BackendPool(String name, List<Backend> backends, int failureThreshold, int successThreshold) {
        if (failureThreshold < 1 || successThreshold < 1) throw new IllegalArgumentException("thresholds must be >= 1");
        this.name = name;
        Map<String, Backend> m = new LinkedHashMap<>();
        for (Backend b : backends) m.put(b.id(), b);
        this.backends.putAll(m);
        this.ring = new ConsistentHashRing(m.keySet());
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
        for (String id : m.keySet()) health.put(id, new Health(false, 0, 0, false));
    }

    public String name() {
        return name;
    }

    public List<Backend> backends() {
        return ring.nodes().stream().map(backends::get).toList();
    }

    public boolean isEmpty() {
        return backends.isEmpty();
    }

    /** The instance named {@code id} (its ring id), healthy or not. */
    public Optional<Backend> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(backends.get(id));
    }

    /**
     * A back end's address after a DNS refresh; the ring (by id) does not change. Returns true when the address
     * changed. An address that no longer resolves keeps the old one (the pings decide whether it is alive).
     */
    public boolean updateAddress(Backend resolved) {
        if (resolved.address().isUnresolved()) return false;
        Backend old = backends.get(resolved.id());
        if (old == null || old.address().equals(resolved.address())) return false;
        backends.put(resolved.id(), resolved);
        return true;
    }

    /** The healthy instance for {@code key} (same key → same instance while it stays healthy). */
    public Optional<Backend> pick(String key) {
        return ring.pick(key, this::isHealthy).map(backends::get);
    }

    public boolean isHealthy(String id) {
        Health h = health.get(id);
        return h != null && h.healthy;
    }

    public long healthyCount() {
        return health.values().stream().filter(h -> h.healthy).count();
    }

    /** Records an answer from {@code id}; returns true when this changed its health. */
    public boolean recordSuccess(String id) {
        boolean[] changed = {false};
        health.computeIfPresent(id, (k, h) -> {
            int ok = h.successes + 1;
            boolean healthy = h.healthy || !h.seen || ok >= successThreshold;
            changed[0] = healthy != h.healthy;
            return new Health(healthy, ok, 0, true);
        });
        return changed[0];
    }

    /** Records a missed or negative answer from {@code id}; returns true when this changed its health. */
    public boolean recordFailure(String id) {
        boolean[] changed = {false};
        health.computeIfPresent(id, (k, h) -> {
            int failed = h.failures + 1;
            boolean healthy = h.healthy && failed < failureThreshold;
            changed[0] = healthy != h.healthy;
            return new Health(healthy, 0, failed, h.seen);
        });
        return changed[0];
    }

    /** Consecutive counters of one instance; {@code seen} once it has answered at least once. */
    private record Health(boolean healthy, int successes, int failures, boolean seen) {}
}
