package io.siplane.location.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.location.CatchUpTracker;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class CaughtUpReadinessCheckTest {
    private static final TopicPartition P0 = new TopicPartition("sip.registrations", 0);
    private final CatchUpTracker tracker = new CatchUpTracker();
    private final CaughtUpReadinessCheck check = new CaughtUpReadinessCheck(tracker);

    @Test
    void downUntilTheStartupEndOffsetsAreReachedThenUp() {
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        tracker.start(Map.of(P0, 3L));
        tracker.position(P0, 2);
        HealthCheckResponse behind = check.call();
        assertThat(behind.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(behind.getData()).hasValueSatisfying(d -> assertThat(d).containsEntry("remaining", 1L));

        tracker.position(P0, 3);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
