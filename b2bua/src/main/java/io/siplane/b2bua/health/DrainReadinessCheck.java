package io.siplane.b2bua.health;

import io.siplane.b2bua.B2buaService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while draining ({@code /q/drain}): the Service and the edges send no new calls here. */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {
    private final B2buaService service;

    DrainReadinessCheck(B2buaService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        boolean draining =
                service.instance() != null && service.instance().drain().draining();
        return HealthCheckResponse.named("b2bua-drain")
                .status(!draining)
                .withData("draining", draining)
                .build();
    }
}
