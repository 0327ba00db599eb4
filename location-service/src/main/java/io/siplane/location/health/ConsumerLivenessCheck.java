package io.siplane.location.health;

import io.siplane.location.ConsumerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the consumer thread runs: a consumer stopped by a fatal error needs a restart. */
@Liveness
@ApplicationScoped
public class ConsumerLivenessCheck implements HealthCheck {
    private final ConsumerLifecycle consumer;

    ConsumerLivenessCheck(ConsumerLifecycle consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registration-consumer")
                .status(consumer.alive())
                .build();
    }
}
