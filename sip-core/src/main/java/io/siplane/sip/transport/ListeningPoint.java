package io.siplane.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An address the transport listens on.
 *
 * @param transport the transport
 * @param bindAddress an IP literal ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}); never a host name, so that
 *     binding never waits on DNS
 * @param port the port; 0 picks an ephemeral one. Listening points that share a bind address and port 0 all get
 *     the same port (as UDP and TCP share 5060), see {@link SipTransport#start()}
 */
public record ListeningPoint(TransportType transport, String bindAddress, int port) {
    public ListeningPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (!Addresses.isIpLiteral(bindAddress))
            throw new IllegalArgumentException("bind address must be an IP literal: " + bindAddress);
    }

    public static ListeningPoint of(TransportType transport, String bindAddress, int port) {
        return new ListeningPoint(transport, bindAddress, port);
    }

    /** The socket address to bind, without DNS. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(Addresses.literal(bindAddress), port);
    }
}
