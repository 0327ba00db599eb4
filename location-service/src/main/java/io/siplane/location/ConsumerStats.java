package io.siplane.location;

import java.util.concurrent.atomic.AtomicLong;

/** What the consumer has done, for the metrics (docs/metrics.md). Written by the consumer thread. */
public final class ConsumerStats {
    final AtomicLong eventsConsumed = new AtomicLong();
    final AtomicLong badRecords = new AtomicLong();
    final AtomicLong bindingsExpired = new AtomicLong();
    final AtomicLong lag = new AtomicLong();

    /** Registration events applied to the store, tombstones included. */
    public long eventsConsumed() {
        return eventsConsumed.get();
    }

    /** Records skipped because they were not a registration event (bad JSON, bad AOR, no key). */
    public long badRecords() {
        return badRecords.get();
    }

    /** Bindings removed by the periodic sweep because they expired. */
    public long bindingsExpired() {
        return bindingsExpired.get();
    }

    /** Records on the topic not yet read, summed over the partitions, as of the last poll. */
    public long lag() {
        return lag.get();
    }
}
