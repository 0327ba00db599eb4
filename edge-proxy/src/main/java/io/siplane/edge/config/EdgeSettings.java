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
        int retryAfter) {

    public EdgeSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        transports = List.copyOf(transports);
        registrars = List.copyOf(registrars);
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
                c.retryAfter());
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
