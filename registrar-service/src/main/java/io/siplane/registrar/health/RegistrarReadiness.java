package io.siplane.registrar.health;

import io.siplane.registrar.events.KafkaEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the subscriber and registration topics have been read up to where they ended at start (before
 * that, a REGISTER could be challenged for a user not yet known, or start from stale bindings) and the
 * producer has reached the brokers.
 */
@Readiness
@ApplicationScoped
public class RegistrarReadiness implements HealthCheck {

    @Inject
    KafkaEvents events;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registrar-kafka")
                .status(events.ready())
                .withData("topicsCaughtUp", events.caughtUp())
                .withData("producerConnected", events.producerConnected())
                .build();
    }
}
