package io.siplane.edge.routing;

import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One back-end instance (a registrar, later a B2BUA) as the edge reaches it.
 *
 * @param id the name on the hash ring: {@code host:port}, stable across restarts so that the ring is too
 * @param address where to send; an IP literal, resolved without DNS
 * @param transport the transport the edge uses towards it
 */
public record Backend(String id, InetSocketAddress address, TransportType transport) {
    public Backend {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Parses {@code host:port} (IPv6 as {@code [::1]:5070}); the port defaults to the transport's. The host must be
     * an IP literal or a name that resolves now (resolved once, at start).
     */
    public static Backend parse(String hostPort, TransportType transport) {
        String s = hostPort.trim();
        String host;
        int port = transport.defaultPort();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("bad back-end address: " + hostPort);
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') throw new IllegalArgumentException("bad back-end address: " + hostPort);
                port = Integer.parseInt(s.substring(close + 2));
            }
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            if (colon >= 0) port = Integer.parseInt(s.substring(colon + 1));
        }
        if (host.isEmpty() || port < 1 || port > 65535)
            throw new IllegalArgumentException("bad back-end address: " + hostPort);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new IllegalArgumentException("cannot resolve back end " + hostPort);
        String id = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        return new Backend(id, address, transport);
    }
}
