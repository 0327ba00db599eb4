package io.siplane.edge.routing;

import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One back-end instance (a registrar, a B2BUA) as the edge reaches it.
 *
 * @param id the name on the hash ring, stable across restarts so that the ring is too: the configured instance id
 *     ({@code b2bua-1@10.0.0.5:5080}) or else {@code host:port}
 * @param host the host as configured (an IP literal or a DNS name, re-resolved while running)
 * @param address where to send; unresolved while the name does not resolve (the instance then counts as down)
 * @param transport the transport the edge uses towards it
 */
public record Backend(String id, String host, InetSocketAddress address, TransportType transport) {
    public Backend {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Parses {@code [id@]host[:port]} (IPv6 as {@code [::1]:5070}); the port defaults to the transport's. Without an
     * id the id is {@code host:port}. A host name is resolved now; when it does not resolve yet (a pod not yet
     * created) the address stays unresolved until a later {@link #resolve()} succeeds.
     */
    public static Backend parse(String spec, TransportType transport) {
        String s = spec.trim();
        String id = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            id = s.substring(0, at).trim();
            s = s.substring(at + 1).trim();
            if (id.isEmpty()) throw new IllegalArgumentException("empty instance id in " + spec);
        }
        String host;
        int port = transport.defaultPort();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("bad back-end address: " + spec);
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') throw new IllegalArgumentException("bad back-end address: " + spec);
                port = parsePort(s.substring(close + 2), spec);
            }
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            if (colon >= 0) port = parsePort(s.substring(colon + 1), spec);
        }
        if (host.isEmpty() || port < 1 || port > 65535)
            throw new IllegalArgumentException("bad back-end address: " + spec);
        if (id == null) id = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        return new Backend(id, host, new InetSocketAddress(host, port), transport);
    }

    private static int parsePort(String p, String spec) {
        try {
            return Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad back-end port: " + spec);
        }
    }

    /** This back end with its host resolved again now (blocking DNS look-up: call off the event loops). */
    public Backend resolve() {
        return new Backend(id, host, new InetSocketAddress(host, address.getPort()), transport);
    }

    /** Whether the host is a name (to re-resolve) rather than an IP literal. */
    public boolean isName() {
        return !host.contains(":") && !host.matches("[0-9.]+");
    }
}
