package io.siplane.b2bua.health;

import io.siplane.b2bua.B2buaService;
import io.siplane.b2bua.config.B2buaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.lifecycle.ComponentStatus;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Ready once this instance has joined the cluster and the view has {@code b2bua.cluster.min-members} members: before
 * that, calls it accepted would have fewer copies than configured.
 */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {
    private final B2buaService service;
    private final B2buaConfig config;

    ClusterReadinessCheck(B2buaService service, B2buaConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        EmbeddedCacheManager m = service.cacheManager();
        List<?> members = m == null ? null : m.getMembers();
        int count = members == null ? 0 : members.size();
        boolean up = m != null
                && m.getStatus() == ComponentStatus.RUNNING
                && count >= config.cluster().minMembers();
        return HealthCheckResponse.named("b2bua-cluster")
                .status(up)
                .withData("members", count)
                .withData("minMembers", config.cluster().minMembers())
                .withData("instance", String.valueOf(service.instanceId()))
                .build();
    }
}
