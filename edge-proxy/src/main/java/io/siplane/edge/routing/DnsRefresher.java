package io.siplane.edge.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Re-resolves the host names of the back ends while the edge runs (a StatefulSet pod's DNS name, e.g. {@code
 * b2bua-0.b2bua.siplane.svc.cluster.local}, points at a new IP after the pod was recreated). Ring ids do not change,
 * only the address a back end is reached at. IP literals are never looked up. Runs on its own daemon thread (the
 * JDK resolver blocks); each round visits every back end once.
 */
public final class DnsRefresher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DnsRefresher.class.getName());

    private final List<BackendPool> pools;
    private final Duration interval;
    private final BiConsumer<String, Backend> onChange;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-dns-refresh");
        t.setDaemon(true);
        return t;
    });

    public DnsRefresher(List<BackendPool> pools, Duration interval, BiConsumer<String, Backend> onChange) {
        this.pools = List.copyOf(pools);
        this.interval = interval;
        this.onChange = onChange;
    }

    public void start() {
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One round: every named back end resolved again; changed addresses go into their pool. */
    public void refresh() {
        for (BackendPool pool : pools) {
            for (Backend b : pool.backends()) {
                if (!b.isName()) continue;
                try {
                    Backend now = b.resolve();
                    if (pool.updateAddress(now)) {
                        LOG.log(
                                System.Logger.Level.INFO,
                                "{0} instance {1} now at {2}",
                                pool.name(),
                                b.id(),
                                now.address());
                        onChange.accept(pool.name(), now);
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "re-resolving " + b.host() + " failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
