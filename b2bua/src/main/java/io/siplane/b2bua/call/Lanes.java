package io.siplane.b2bua.call;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Single-threaded lanes for the call logic: the messages of one call run in arrival order on one lane, off the
 * Netty event loops, so they may wait for the cache (synchronous replication) without stalling the transport.
 */
final class Lanes implements AutoCloseable {
    private final ExecutorService[] lanes;

    Lanes(int count, String name) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String threadName = name + "-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
        }
    }

    void execute(String key, Runnable task) {
        lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(task);
    }

    @Override
    public void close() {
        for (ExecutorService e : lanes) e.shutdownNow();
        for (ExecutorService e : lanes) {
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
