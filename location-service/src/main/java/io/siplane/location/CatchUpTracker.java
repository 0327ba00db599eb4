package io.siplane.location;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows whether the consumer has read everything that was on the topic when it started: the end offset of
 * every partition, captured once at startup, is the target; the service is ready once its position in every
 * partition has reached that target. Events produced after startup do not move the target, so a busy topic
 * cannot keep an instance unready forever.
 *
 * <p>Once caught up, it stays caught up: later lag is a metric ({@code siplane_location_consumer_lag}), not a
 * reason to take the instance out of service, since its state is then at most a poll behind.
 *
 * <p>Threading: updated by the consumer thread, read by the health check.
 */
public final class CatchUpTracker {
    private final Map<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean caughtUp;

    /** Records the end offsets captured at startup: these are the targets. */
    public void start(Map<TopicPartition, Long> endOffsets) {
        targets.putAll(endOffsets);
        started = true;
        check();
    }

    /** Records the consumer's position (the offset of the next record it will read) in {@code partition}. */
    public void position(TopicPartition partition, long position) {
        positions.put(partition, position);
        if (!caughtUp) check();
    }

    /** Whether every partition has been read up to its target. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records still to read before {@link #caughtUp()}; 0 once caught up. */
    public long remaining() {
        if (caughtUp) return 0;
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
            sum += Math.max(0, t.getValue() - positions.getOrDefault(t.getKey(), 0L));
        }
        return sum;
    }

    /** Partitions with a target. */
    public int partitions() {
        return targets.size();
    }

    private void check() {
        if (!started) return;
        for (Map.Entry<TopicPartition, Long> t : targets.entrySet()) {
            if (positions.getOrDefault(t.getKey(), 0L) < t.getValue()) return;
        }
        caughtUp = true;
    }
}
