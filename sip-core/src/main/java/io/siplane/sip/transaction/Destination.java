package io.siplane.sip.transaction;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a message goes, or where it came from: a transport name, a socket address and, for connection-oriented
 * transports, the connection (flow) it should use.
 *
 * @param transport {@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP}, {@code WS} or {@code WSS}, upper case
 * @param address the peer; may be unresolved when it came from a host name (the transport resolves it, RFC 3263)
 * @param flowId the connection or flow to reuse (RFC 3261 §18.2.2, RFC 5626), or null for any
 */
public record Destination(String transport, InetSocketAddress address, String flowId) {

    public Destination {
        transport = Objects.requireNonNull(transport, "transport").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(address, "address");
    }

    public static Destination of(String transport, InetSocketAddress address) {
        return new Destination(transport, address, null);
    }

    public Optional<String> flow() {
        return Optional.ofNullable(flowId);
    }

    /**
     * True for transports that deliver reliably (RFC 3261 §17: no retransmissions over them): everything but UDP
     * (and DTLS over UDP).
     */
    public boolean isReliableTransport() {
        return isReliableTransport(transport);
    }

    /** True for every transport name but UDP and DTLS-UDP (upper case, as in a Via). */
    public static boolean isReliableTransport(String transport) {
        return !transport.equals("UDP") && !transport.equals("DTLS-UDP");
    }

    public Destination withFlowId(String flow) {
        return new Destination(transport, address, flow);
    }
}
