package io.siplane.edge.health;

import io.siplane.edge.EdgeLifecycle;
import io.siplane.edge.EdgeServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the SIP transport runs; back-end health does not matter here (restarting would not fix it). */
@Liveness
@ApplicationScoped
public class EdgeLivenessCheck implements HealthCheck {
    private final EdgeLifecycle lifecycle;

    public EdgeLivenessCheck(EdgeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        EdgeServer s = lifecycle.server();
        return HealthCheckResponse.named("edge-sip-transport")
                .status(s != null && s.isRunning())
                .build();
    }
}
