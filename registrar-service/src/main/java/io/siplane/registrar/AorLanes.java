package io.siplane.registrar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs asynchronous tasks one after the other per AOR, without holding a thread while a task's stage is
 * pending (a REGISTER waiting for its Kafka ack). Each AOR's last submitted task is its tail; a new task
 * starts when the tail's stage has completed, so the next REGISTER of an AOR starts from the bindings the
 * previous one left (RFC 3261 §10.3 "processed atomically"). Different AORs run in parallel.
 *
 * <p>The first task of an idle AOR runs at once on the submitting thread; a queued task is handed to the
 * executor when its predecessor completes (never run on the thread that completed it: that is the Kafka
 * producer's I/O thread). Thread-safe; an AOR with nothing pending has no entry.
 */
final class AorLanes {

    /** What to run for one request. */
    interface Task {
        /** Starts the work; the AOR's next task waits for the returned stage. Must not throw. */
        CompletionStage<?> start();

        /** The executor refused the queued task (overload): answer without running it. Must not throw. */
        void rejected();
    }

    private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Executor executor;

    AorLanes(Executor executor) {
        this.executor = executor;
    }

    void submit(String aor, Task task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(aor, done);
        if (previous == null) {
            run(aor, task, done);
        } else {
            previous.whenComplete((v, e) -> {
                try {
                    executor.execute(() -> run(aor, task, done));
                } catch (RejectedExecutionException rejected) {
                    try {
                        task.rejected();
                    } finally {
                        finish(aor, done);
                    }
                }
            });
        }
    }

    /** Number of AORs with a task pending (for tests and metrics). */
    int pending() {
        return tails.size();
    }

    private void run(String aor, Task task, CompletableFuture<Void> done) {
        CompletionStage<?> stage;
        try {
            stage = task.start();
        } catch (RuntimeException | Error e) {
            finish(aor, done);
            throw e;
        }
        stage.whenComplete((v, e) -> finish(aor, done));
    }

    private void finish(String aor, CompletableFuture<Void> done) {
        // Removed only if no later task queued behind it; a later one is chained on `done`.
        tails.remove(aor, done);
        done.complete(null);
    }
}
