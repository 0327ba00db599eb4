package io.siplane.edge.config;

import io.siplane.sip.transport.TransportType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The edge's settings as plain values: what {@link io.siplane.edge.EdgeServer} is built from, so that tests can
 * build an edge without CDI. {@link #from(EdgeConfig)} maps the Quarkus configuration.
 *
 * @param advertisedHost null: the listen host
 * @param advertisedPort -1: the bound port
 * @param internalHost null: no separate internal address
 */
public record EdgeSettings(
        String instanceId,
        String host,
        int port,
        List<TransportType> transports,
        String advertisedHost,
        int advertisedPort,
        String internalHost,
        int internalPort,
        Duration tcpIdleTimeout,
        List<String> registrars,
        TransportType registrarTransport,
        boolean healthEnabled,
        Duration healthInterval,
        Duration healthTimeout,
        int failureThreshold,
        int successThreshold,
        String flowTokenSecret,
        int maxForwards,
        int retryAfter,
        List<String> b2buas,
        TransportType b2buaTransport,
        Duration dnsRefreshInterval,
        RateLimit rateLimit) {

    /** Per-source rate limiting; {@code drop} false answers 503. */
    public record RateLimit(boolean enabled, double rate, int burst, boolean drop, int maxSources) {
        public static final RateLimit OFF = new RateLimit(false, 50, 100, false, 100_000);

        static RateLimit from(EdgeConfig.RateLimit c) {
            String action = c.action().trim().toLowerCase(Locale.ROOT);
            if (!action.equals("503") && !action.equals("drop"))
                throw new IllegalArgumentException("edge.rate-limit.action: 503 or drop, not " + c.action());
            return new RateLimit(c.enabled(), c.rate(), c.burst(), action.equals("drop"), c.maxSources());
        }
    }

    /** The settings of an edge without B2BUAs, DNS refresh or rate limiting (registration only). */
    public EdgeSettings(
            String instanceId,
            String host,
            int port,
            List<TransportType> transports,
            String advertisedHost,
            int advertisedPort,
            String internalHost,
            int internalPort,
            Duration tcpIdleTimeout,
            List<String> registrars,
            TransportType registrarTransport,
            boolean healthEnabled,
            Duration healthInterval,
            Duration healthTimeout,
            int failureThreshold,
            int successThreshold,
            String flowTokenSecret,
            int maxForwards,
            int retryAfter) {
        this(
                instanceId,
                host,
                port,
                transports,
                advertisedHost,
                advertisedPort,
                internalHost,
                internalPort,
                tcpIdleTimeout,
                registrars,
                registrarTransport,
                healthEnabled,
                healthInterval,
                healthTimeout,
                failureThreshold,
                successThreshold,
                flowTokenSecret,
                maxForwards,
                retryAfter,
                List.of(),
                TransportType.UDP,
                Duration.ZERO,
                RateLimit.OFF);
    }

    /** These settings with a B2BUA pool. */
    public EdgeSettings withB2buas(List<String> instances, TransportType transport) {
        return new EdgeSettings(
                instanceId,
                host,
                port,
                transports,
                advertisedHost,
                advertisedPort,
                internalHost,
                internalPort,
                tcpIdleTimeout,
                registrars,
                registrarTransport,
                healthEnabled,
                healthInterval,
                healthTimeout,
                failureThreshold,
                successThreshold,
                flowTokenSecret,
                maxForwards,
                retryAfter,
                instances,
                transport,
                dnsRefreshInterval,
                rateLimit);
    }

    /** These settings with per-source rate limiting. */
    public EdgeSettings withRateLimit(RateLimit limit) {
        return new EdgeSettings(
                instanceId,
                host,
                port,
                transports,
                advertisedHost,
                advertisedPort,
                internalHost,
                internalPort,
                tcpIdleTimeout,
                registrars,
                registrarTransport,
                healthEnabled,
                healthInterval,
                healthTimeout,
                failureThreshold,
                successThreshold,
                flowTokenSecret,
                maxForwards,
                retryAfter,
                b2buas,
                b2buaTransport,
                dnsRefreshInterval,
                limit);
    }

    public EdgeSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        transports = List.copyOf(transports);
        registrars = List.copyOf(registrars);
        b2buas = List.copyOf(b2buas);
        Objects.requireNonNull(b2buaTransport, "b2buaTransport");
        Objects.requireNonNull(dnsRefreshInterval, "dnsRefreshInterval");
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (transports.isEmpty()) throw new IllegalArgumentException("edge.sip.transports is empty");
        if (internalHost != null && internalPort == 0)
            throw new IllegalArgumentException("edge.sip.internal-port must be fixed when internal-host is set");
        if (maxForwards < 1 || maxForwards > 255) throw new IllegalArgumentException("edge.max-forwards: 1..255");
    }

    public static EdgeSettings from(EdgeConfig c) {
        return new EdgeSettings(
                c.instanceId().orElseGet(EdgeSettings::hostName),
                c.sip().host(),
                c.sip().port(),
                c.sip().transports().stream().map(EdgeSettings::transport).toList(),
                c.sip().advertisedHost().orElse(null),
                c.sip().advertisedPort().orElse(-1),
                c.sip().internalHost().orElse(null),
                c.sip().internalPort(),
                c.sip().tcpIdleTimeout(),
                c.registrar().instances(),
                transport(c.registrar().transport()),
                c.health().enabled(),
                c.health().interval(),
                c.health().timeout(),
                c.health().failureThreshold(),
                c.health().successThreshold(),
                c.flowToken().secret(),
                c.maxForwards(),
                c.retryAfter(),
                c.b2bua().instances().orElse(List.of()).stream()
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList(),
                transport(c.b2bua().transport()),
                c.dns().refreshInterval(),
                RateLimit.from(c.rateLimit()));
    }

    static TransportType transport(String name) {
        TransportType t = TransportType.fromName(name.trim().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("unknown transport " + name));
        if (t != TransportType.UDP && t != TransportType.TCP)
            throw new IllegalArgumentException("transport " + name + " is not supported by the edge yet");
        return t;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "edge";
        }
    }
}
