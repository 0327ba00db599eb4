package io.siplane.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message came from (or goes to): the RFC 5626 §3 idea of a flow, a transport plus the local and remote
 * addresses, and for connection-oriented transports the connection, so that responses and later requests can
 * use the same connection.
 *
 * @param transport the transport the message arrived over
 * @param local the local socket address (the listening point for UDP, the connection's local end for TCP)
 * @param remote the peer's address: the datagram source or the connection's remote end
 * @param connectionId the connection, unique for the life of the {@link SipTransport}; {@link #NO_CONNECTION}
 *     for UDP
 */
public record Flow(TransportType transport, InetSocketAddress local, InetSocketAddress remote, long connectionId) {
    /** The connection id of a flow without a connection (UDP). */
    public static final long NO_CONNECTION = 0;

    public Flow {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        if (transport.isReliable() && connectionId == NO_CONNECTION)
            throw new IllegalArgumentException(transport + " flow needs a connection id");
    }

    /** A datagram flow. */
    public static Flow datagram(InetSocketAddress local, InetSocketAddress remote) {
        return new Flow(TransportType.UDP, local, remote, NO_CONNECTION);
    }

    public boolean hasConnection() {
        return connectionId != NO_CONNECTION;
    }
}
