package io.siplane.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.siplane.edge.config.EdgeSettings;
import io.siplane.edge.flow.FlowTokenCodec;
import io.siplane.edge.health.OptionsPinger;
import io.siplane.edge.limit.RateLimiter;
import io.siplane.edge.metrics.EdgeMetrics;
import io.siplane.edge.proxy.EdgeAddresses;
import io.siplane.edge.proxy.EdgeProxy;
import io.siplane.edge.proxy.ViaHiding;
import io.siplane.edge.routing.Backend;
import io.siplane.edge.routing.BackendPool;
import io.siplane.edge.routing.DnsRefresher;
import io.siplane.sip.transaction.StatelessForwarding;
import io.siplane.sip.transport.SipTransport;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.util.ArrayList;
import java.util.List;

/**
 * One running edge: the transport, the proxy core, the registrar and B2BUA pools with their pingers and DNS
 * refresh, assembled from {@link
 * EdgeSettings}. Plain Java so that tests run it without CDI; {@link EdgeLifecycle} runs it in the Quarkus service.
 */
public final class EdgeServer implements AutoCloseable {
    private final EdgeSettings settings;
    private final BackendPool registrars;
    private final BackendPool b2buas;
    private final EdgeMetrics metrics;
    private final EdgeProxy proxy;
    private final SipTransport transport;
    private final List<OptionsPinger> pingers = new ArrayList<>();
    private DnsRefresher dns;
    private volatile boolean running;

    public EdgeServer(EdgeSettings settings, MeterRegistry registry) {
        this.settings = settings;
        List<Backend> backends = settings.registrars().stream()
                .map(s -> Backend.parse(s, settings.registrarTransport()))
                .toList();
        this.registrars =
                new BackendPool("registrar", backends, settings.failureThreshold(), settings.successThreshold());
        List<Backend> b2buaBackends = settings.b2buas().stream()
                .map(s -> Backend.parse(s, settings.b2buaTransport()))
                .toList();
        this.b2buas = new BackendPool("b2bua", b2buaBackends, settings.failureThreshold(), settings.successThreshold());
        EdgeMetrics metrics = new EdgeMetrics(registry);
        this.metrics = metrics;
        metrics.registerPool(registrars);
        metrics.registerPool(b2buas);
        EdgeSettings.RateLimit rl = settings.rateLimit();
        RateLimiter limiter = rl.enabled() ? new RateLimiter(rl.rate(), rl.burst(), rl.maxSources()) : null;
        FlowTokenCodec tokens = FlowTokenCodec.fromBase64(settings.flowTokenSecret());
        // the branch hash is keyed with the same cluster-wide secret, so any edge computes the same branch
        StatelessForwarding forwarding = new StatelessForwarding("branch:" + settings.flowTokenSecret());
        this.proxy = new EdgeProxy(
                settings.instanceId(),
                tokens,
                forwarding,
                registrars,
                b2buas,
                ViaHiding.fromBase64(settings.flowTokenSecret()),
                limiter,
                rl.drop(),
                metrics,
                settings.maxForwards(),
                settings.retryAfter());
        TransportConfig.Builder tc = TransportConfig.builder()
                .advertisedHost(settings.advertisedHost())
                .advertisedPort(settings.advertisedPort())
                .tcpIdleTimeout(settings.tcpIdleTimeout());
        for (TransportType t : settings.transports()) tc.listen(t, settings.host(), settings.port());
        if (settings.internalHost() != null) {
            for (TransportType t : settings.transports())
                tc.listen(t, settings.internalHost(), settings.internalPort());
        }
        this.transport = new SipTransport(tc.build(), proxy);
    }

    /** Binds the listening points and starts the pings. Blocks; not on an event loop. */
    public synchronized void start() {
        transport.start();
        EdgeAddresses addresses = new EdgeAddresses(
                transport.advertisedHost(),
                transport.advertisedPort(),
                settings.internalHost(),
                settings.internalPort());
        proxy.attach(transport, addresses);
        for (BackendPool pool : List.of(registrars, b2buas)) {
            if (pool.isEmpty()) continue;
            if (settings.healthEnabled()) {
                OptionsPinger pinger = new OptionsPinger(
                        pool, transport, addresses, settings.healthInterval(), settings.healthTimeout());
                proxy.attach(pinger);
                pingers.add(pinger);
                pinger.start();
            } else {
                for (Backend b : pool.backends()) pool.recordSuccess(b.id());
            }
        }
        if (!settings.dnsRefreshInterval().isZero()) {
            dns = new DnsRefresher(
                    List.of(registrars, b2buas),
                    settings.dnsRefreshInterval(),
                    (pool, b) -> metrics.backendAddressChanged(pool));
            dns.start();
        }
        running = true;
    }

    public boolean isRunning() {
        return running;
    }

    public BackendPool registrars() {
        return registrars;
    }

    public BackendPool b2buas() {
        return b2buas;
    }

    public EdgeProxy proxy() {
        return proxy;
    }

    public SipTransport transport() {
        return transport;
    }

    @Override
    public synchronized void close() {
        running = false;
        for (OptionsPinger p : pingers) p.close();
        if (dns != null) dns.close();
        transport.close();
    }
}
