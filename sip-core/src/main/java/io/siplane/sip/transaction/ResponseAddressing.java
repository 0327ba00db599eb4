package io.siplane.sip.transaction;

import io.siplane.sip.message.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a response goes (RFC 3261 §18.2.2 with RFC 3581 §4), computed from the top Via of the request (which the
 * response copies) and where the request came from. A pure function: no I/O, no DNS; a host name comes back as an
 * unresolved address for the transport to resolve (RFC 3263 §5).
 *
 * <ul>
 *   <li>Reliable transports (TCP, TLS, SCTP, WS, WSS): over the connection the request came on ({@code flowId} of
 *       the source). The address is the fallback for the transport when that connection has gone: {@code received}
 *       (else the sent-by host), and {@code rport} when it has a value, else the sent-by port. With {@code rport}
 *       the address is the connection's peer, so a transport without flow ids can still find the connection (the
 *       practice RFC 5923 describes); RFC 3261 itself would open a new connection to the sent-by port.
 *   <li>Unreliable transports with {@code maddr}: to the maddr and the sent-by port (default 5060).
 *   <li>Unreliable transports: to {@code received} (else the sent-by host) and, per RFC 3581, the {@code rport}
 *       value; an {@code rport} still empty means the transport did not fill it, so the source address and port are
 *       used. Without {@code rport}: the sent-by port, or 5060 (5061 for TLS).
 * </ul>
 */
public final class ResponseAddressing {
    private ResponseAddressing() {}

    /**
     * @param topVia the top Via of the request (the response's top Via)
     * @param source where the request came from, with its flow; null when unknown (stateless forwarding)
     */
    public static Destination destination(Via topVia, Destination source) {
        String transport = topVia.transport();
        String flow = source == null ? null : source.flowId();
        String received = topVia.received();
        int rport = topVia.hasRport() ? topVia.rport() : -1;
        if (Destination.isReliableTransport(transport)) {
            String host = received != null ? received : topVia.host();
            int port = rport > 0 ? rport : topVia.portOrDefault();
            return new Destination(transport, address(host, port), flow);
        }
        String maddr = topVia.maddr();
        if (maddr != null) {
            return new Destination(transport, address(maddr, topVia.portOrDefault()), flow);
        }
        if (topVia.hasRport() && rport < 0 && source != null) {
            return new Destination(transport, source.address(), flow);
        }
        String host = received != null ? received : topVia.host();
        int port = rport > 0 ? rport : topVia.portOrDefault();
        return new Destination(transport, address(host, port), flow);
    }

    /** An IP literal becomes a resolved address (no lookup happens for literals); a host name stays unresolved. */
    static InetSocketAddress address(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isIpLiteral(h)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(h), port);
            } catch (UnknownHostException e) {
                // not a literal after all; let the transport deal with it
            }
        }
        return InetSocketAddress.createUnresolved(h, port);
    }

    static boolean isIpLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
            }
            return true;
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '.') {
                if (digits == 0) return false;
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (++digits > 3) return false;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }
}
