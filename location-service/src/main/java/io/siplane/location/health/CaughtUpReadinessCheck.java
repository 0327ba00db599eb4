package io.siplane.location.health;

import io.siplane.location.CatchUpTracker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the consumer has read the registration topic up to the end offsets it saw at startup: before
 * that the instance would answer 404 for AORs that are registered.
 */
@Readiness
@ApplicationScoped
public class CaughtUpReadinessCheck implements HealthCheck {
    private final CatchUpTracker tracker;

    CaughtUpReadinessCheck(CatchUpTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registration-events-caught-up")
                .status(tracker.caughtUp())
                .withData("partitions", tracker.partitions())
                .withData("remaining", tracker.remaining())
                .build();
    }
}
