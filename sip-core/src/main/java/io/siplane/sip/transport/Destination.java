package io.siplane.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to send a message.
 *
 * @param transport the transport to use
 * @param address the peer; normally resolved. An unresolved address (a Via sent-by host name that
 *     {@link ResponseAddressing} could not turn into an IP without DNS) can only be used while {@code flow}'s
 *     connection is open; otherwise resolve it first with {@link TargetResolver#resolveSentBy}
 * @param flow the flow to prefer, or null: for a connection-oriented transport the connection to reuse when it is
 *     still open (RFC 3261 §18.2.2, RFC 5626), for UDP the local socket to send from (so a NAT sees the response
 *     come from where the request went)
 */
public record Destination(TransportType transport, InetSocketAddress address, Flow flow) {
    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    public static Destination of(TransportType transport, InetSocketAddress address) {
        return new Destination(transport, address, null);
    }

    /** Back over {@code flow}: its connection when it has one, its remote address otherwise. */
    public static Destination over(Flow flow) {
        return new Destination(flow.transport(), flow.remote(), flow);
    }

    /** The same destination with another transport and no flow (after a §18.1.1 switch to TCP). */
    public Destination withTransport(TransportType t) {
        return t == transport ? this : new Destination(t, address, null);
    }
}
