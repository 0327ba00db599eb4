package io.siplane.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: tasks run only when the test advances the clock, in due order (ties in scheduling order),
 * on the test's thread. Tasks scheduled while the clock advances run in the same advance when they fall due.
 */
final class ManualScheduler implements TransactionTimers {
    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long now;
    private long seq;

    private static final class Task {
        final long due;
        final long seq;
        final TransactionTimer timer;
        final Runnable body;
        boolean cancelled;

        Task(long due, long seq, TransactionTimer timer, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.timer = timer;
            this.body = body;
        }
    }

    @Override
    public synchronized Handle schedule(TransactionTimer timer, Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), seq++, timer, task);
        queue.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                t.cancelled = true;
            }
        };
    }

    /** Time since the scheduler was created. */
    synchronized Duration now() {
        return Duration.ofNanos(now);
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        advanceTo(target);
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** Moves the clock to when the next {@code timer} is due and runs everything due until then, that timer too. */
    void fire(TransactionTimer timer) {
        Task next;
        synchronized (this) {
            next = queue.stream()
                    .filter(t -> !t.cancelled && t.timer == timer)
                    .min(queue.comparator())
                    .orElseThrow(() -> new AssertionError("timer " + timer + " is not pending"));
        }
        advanceTo(next.due);
    }

    private void advanceTo(long target) {
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                while (t != null && t.cancelled) {
                    queue.poll();
                    t = queue.peek();
                }
                if (t == null || t.due > target) {
                    now = Math.max(now, target);
                    return;
                }
                queue.poll();
                now = t.due;
            }
            t.body.run();
        }
    }

    synchronized boolean isPending(TransactionTimer timer) {
        return queue.stream().anyMatch(t -> !t.cancelled && t.timer == timer);
    }

    /** The pending timers, soonest first. */
    synchronized List<TransactionTimer> pending() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(queue.comparator());
        List<TransactionTimer> out = new ArrayList<>();
        for (Task t : tasks) if (!t.cancelled) out.add(t.timer);
        return out;
    }
}
