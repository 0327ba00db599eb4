package io.siplane.edge.health;

import io.siplane.edge.EdgeLifecycle;
import io.siplane.edge.EdgeServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the SIP listeners are bound and at least one registrar answers OPTIONS. An edge that could reach no
 * registrar would only answer 503 to REGISTER, so it leaves the Service's endpoints and the load balancer in front
 * picks an edge that can serve (during a full registrar outage every edge is unready; the clients then retry per
 * their own back-off, as they would after a 503).
 */
@Readiness
@ApplicationScoped
public class EdgeReadinessCheck implements HealthCheck {
    private final EdgeLifecycle lifecycle;

    public EdgeReadinessCheck(EdgeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        EdgeServer s = lifecycle.server();
        long healthy = s == null ? 0 : s.registrars().healthyCount();
        int total = s == null ? 0 : s.registrars().backends().size();
        return HealthCheckResponse.named("edge-registrars")
                .status(s != null && s.isRunning() && healthy > 0)
                .withData("healthy", healthy)
                .withData("instances", total)
                .build();
    }
}
