package io.siplane.sip.transport;

import io.siplane.sip.message.Via;

/** RFC 3261 §18.2.2 and RFC 3581 §4: where a server transport sends a response. A pure function. */
public final class ResponseAddressing {
    private ResponseAddressing() {}

    /**
     * The destination of a response to a request whose top Via (as the transport received it, so with
     * {@code received}/{@code rport} filled in) is {@code topVia} and which arrived over {@code requestFlow}.
     *
     * <ul>
     *   <li>Reliable transport: over the request's connection while it is open (the returned destination carries
     *       the flow); should it have closed, §18.2.2 opens a new connection to {@code received} (else the
     *       sent-by host) and the sent-by port (else the transport's default).
     *   <li>Unreliable, {@code maddr} present: to maddr, sent-by port (multicast TTL is not supported).
     *   <li>Unreliable, {@code received} present: to received, at {@code rport} when it has a value (RFC 3581 §4),
     *       else the sent-by port.
     *   <li>Otherwise to the sent-by host and port; a host name comes back as an unresolved address to be resolved
     *       with RFC 3263 §5 ({@link TargetResolver#resolveSentBy}).
     * </ul>
     *
     * @param requestFlow the flow the request came over; null when unknown (the Via transport is used)
     */
    public static Destination destinationFor(Via topVia, Flow requestFlow) {
        TransportType transport = requestFlow != null
                ? requestFlow.transport()
                : TransportType.fromName(topVia.transport()).orElse(TransportType.UDP);
        int sentByPort = topVia.port() >= 0 ? topVia.port() : transport.defaultPort();
        String received = topVia.received();
        if (transport.isReliable()) {
            String host = received != null ? received : topVia.host();
            return new Destination(transport, Addresses.socketAddress(host, sentByPort), requestFlow);
        }
        String maddr = topVia.maddr();
        if (maddr != null) return new Destination(transport, Addresses.socketAddress(maddr, sentByPort), requestFlow);
        if (received != null) {
            int rport = rportOrMinusOne(topVia);
            return new Destination(
                    transport, Addresses.socketAddress(received, rport > 0 ? rport : sentByPort), requestFlow);
        }
        return new Destination(transport, Addresses.socketAddress(topVia.host(), sentByPort), requestFlow);
    }

    private static int rportOrMinusOne(Via via) {
        try {
            return via.rport();
        } catch (RuntimeException e) {
            return -1; // a garbage rport value is ignored rather than failing the response
        }
    }
}
