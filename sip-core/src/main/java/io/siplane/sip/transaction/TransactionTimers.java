package io.siplane.sip.transaction;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler port. A Netty adapter is {@code (timer, delay, task) -> { var f = eventLoop.schedule(task,
 * delay.toNanos(), NANOSECONDS); return () -> f.cancel(false); }}; tests use a manual scheduler and advance virtual
 * time.
 */
@FunctionalInterface
public interface TransactionTimers {

    /**
     * Runs {@code task} once after {@code delay}, on any thread.
     *
     * @param timer which RFC timer this is; for diagnostics and tests, a scheduler may ignore it
     */
    Handle schedule(TransactionTimer timer, Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. Cancelling a task that has run or is running has no effect. */
    @FunctionalInterface
    interface Handle {
        void cancel();
    }

    /** Timers on a JDK executor. */
    static TransactionTimers of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (timer, delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
