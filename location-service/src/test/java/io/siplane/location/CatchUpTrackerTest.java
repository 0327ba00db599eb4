package io.siplane.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private final CatchUpTracker tracker = new CatchUpTracker();

    @Test
    void notCaughtUpBeforeTheEndOffsetsAreKnown() {
        tracker.position(P0, 100);

        assertThat(tracker.caughtUp()).isFalse();
    }

    @Test
    void emptyTopicIsCaughtUpAtOnce() {
        tracker.start(Map.of(P0, 0L, P1, 0L));

        assertThat(tracker.caughtUp()).isTrue();
    }

    @Test
    void caughtUpOnlyOnceEveryPartitionReachedItsStartupEndOffset() {
        tracker.start(Map.of(P0, 5L, P1, 3L));
        assertThat(tracker.remaining()).isEqualTo(8);

        tracker.position(P0, 5);
        assertThat(tracker.caughtUp()).isFalse();
        assertThat(tracker.remaining()).isEqualTo(3);

        tracker.position(P1, 2);
        assertThat(tracker.caughtUp()).isFalse();

        tracker.position(P1, 3);
        assertThat(tracker.caughtUp()).isTrue();
        assertThat(tracker.remaining()).isZero();
    }

    @Test
    void recordsProducedAfterStartupDoNotDelayReadiness() {
        tracker.start(Map.of(P0, 5L));

        tracker.position(P0, 7); // read past the startup end offset: newer records count as caught up

        assertThat(tracker.caughtUp()).isTrue();
    }

    @Test
    void staysCaughtUpOnceCaughtUp() {
        tracker.start(Map.of(P0, 1L));
        tracker.position(P0, 1);

        tracker.start(Map.of(P1, 10L)); // a partition added later

        assertThat(tracker.caughtUp()).isTrue();
    }
}
