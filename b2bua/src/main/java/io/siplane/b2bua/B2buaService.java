package io.siplane.b2bua;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siplane.b2bua.call.B2buaInstance;
import io.siplane.b2bua.call.B2buaSettings;
import io.siplane.b2bua.call.Membership;
import io.siplane.b2bua.cdr.CdrSink;
import io.siplane.b2bua.cdr.KafkaCdrSink;
import io.siplane.b2bua.config.B2buaConfig;
import io.siplane.b2bua.metrics.B2buaMetrics;
import io.siplane.b2bua.routing.LocationServiceRouter;
import io.siplane.b2bua.routing.Router;
import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.CacheManagers;
import io.siplane.b2bua.state.ClusterSettings;
import io.siplane.b2bua.state.InfinispanCallStore;
import io.siplane.sip.transaction.TimerConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.util.UUID;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/** Starts the cluster member and the SIP stack with the service, and stops them with it. */
@Singleton
public class B2buaService {
    private static final Logger LOG = Logger.getLogger(B2buaService.class);

    private final B2buaConfig config;
    private final ObjectMapper json;
    private final B2buaMetrics metrics;
    private volatile EmbeddedCacheManager cacheManager;
    private volatile B2buaInstance instance;
    private volatile String instanceId;

    B2buaService(B2buaConfig config, ObjectMapper json, B2buaMetrics metrics) {
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ev) {
        instanceId = config.instanceId().orElseGet(B2buaService::defaultInstanceId);
        B2buaConfig.Cluster c = config.cluster();
        cacheManager = CacheManagers.start(new ClusterSettings(
                c.name(),
                c.stack(),
                instanceId,
                c.bindAddress(),
                c.bindPort(),
                c.initialHosts(),
                c.dnsQuery().orElse(null),
                c.owners()));
        InfinispanCallStore store = new InfinispanCallStore(cacheManager);
        B2buaConfig.Sip sip = config.sip();
        B2buaSettings settings = new B2buaSettings(
                instanceId,
                sip.contactHost().orElse(sip.host()),
                sip.contactPort().orElse(sip.port()),
                config.limits().maxCallDuration(),
                sip.workerThreads(),
                config.limits().timerScanInterval());
        instance = new B2buaInstance(
                        settings,
                        sip.host(),
                        sip.port(),
                        TimerConfig.DEFAULT,
                        store,
                        router(),
                        metrics,
                        Membership.of(cacheManager),
                        cdrs())
                .start();
        metrics.bind(
                instance.controller()::activeCalls,
                () -> cacheManager.getMembers() == null
                        ? 0
                        : cacheManager.getMembers().size());
        metrics.bindDraining(instance.drain()::draining);
        LOG.infof("b2bua %s listening on %s:%d, cluster %s", instanceId, sip.host(), sip.port(), c.name());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (instance != null) instance.close();
        if (cacheManager != null) cacheManager.stop();
    }

    private CdrSink cdrs() {
        B2buaConfig.Cdr c = config.cdr();
        if (!c.enabled()) return CdrSink.NONE;
        LOG.infof("CDRs to %s on %s", c.topic(), c.bootstrapServers());
        return new KafkaCdrSink(c.bootstrapServers(), c.topic(), json, new KafkaCdrSink.Outcomes() {
            @Override
            public void sent() {
                metrics.cdrSent();
            }

            @Override
            public void failed(String reason) {
                metrics.cdrFailed(reason);
            }
        });
    }

    private Router router() {
        Router statics = new StaticRouter(config.routing().staticRoutes());
        if (!config.routing().locationEnabled()) return statics;
        return new LocationServiceRouter(
                URI.create(config.routing().locationUrl()), config.routing().locationTimeout(), json, statics);
    }

    /** The cache manager, once started (for the readiness check). */
    public EmbeddedCacheManager cacheManager() {
        return cacheManager;
    }

    /** The running instance (null before start). */
    public B2buaInstance instance() {
        return instance;
    }

    public String instanceId() {
        return instanceId;
    }

    private static String defaultInstanceId() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "b2bua-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
