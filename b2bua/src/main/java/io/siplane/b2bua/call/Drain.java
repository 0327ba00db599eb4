package io.siplane.b2bua.call;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Drains an instance (the StatefulSet's preStop hook calls {@code GET /q/drain}): the {@link DrainGate} refuses new
 * calls from then on, and the future completes once no call is left in this instance's memory, or when {@code
 * timeout} has passed (with the calls still here; they continue on their second owner when the instance stops).
 */
public final class Drain implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Drain.class);

    /** How the drain ended: {@code remaining} calls were still here (0 when it completed). */
    public record Result(boolean complete, int remaining, long elapsedMillis) {}

    private final DrainGate gate;
    private final IntSupplier activeCalls;
    private final Duration pollInterval;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "b2bua-drain");
        t.setDaemon(true);
        return t;
    });
    private volatile long startedAtMillis;

    Drain(DrainGate gate, IntSupplier activeCalls, Duration pollInterval) {
        this.gate = gate;
        this.activeCalls = activeCalls;
        this.pollInterval = pollInterval;
    }

    public boolean draining() {
        return gate.draining();
    }

    /**
     * Starts draining (idempotent: a second call waits for the same drain) and completes when no call is left or
     * {@code timeout} after the first call.
     */
    public CompletableFuture<Result> drain(Duration timeout) {
        if (gate.start()) {
            startedAtMillis = System.currentTimeMillis();
            LOG.infof("draining: refusing new calls; %d calls here", activeCalls.getAsInt());
        }
        CompletableFuture<Result> done = new CompletableFuture<>();
        long deadline = startedAtMillis + timeout.toMillis();
        ScheduledFuture<?> poll = poller.scheduleWithFixedDelay(
                () -> {
                    int remaining = activeCalls.getAsInt();
                    long now = System.currentTimeMillis();
                    if (remaining == 0) done.complete(new Result(true, 0, now - startedAtMillis));
                    else if (now >= deadline) done.complete(new Result(false, remaining, now - startedAtMillis));
                },
                0,
                pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        done.whenComplete((r, e) -> {
            poll.cancel(false);
            if (r != null)
                LOG.infof(
                        "drain %s: %d calls left after %d ms",
                        r.complete() ? "complete" : "timed out", r.remaining(), r.elapsedMillis());
        });
        return done;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
