package io.siplane.b2bua.call;

import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.Uri;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Next hops for the legs, and their text form in the {@code CallRecord} ({@code UDP:127.0.0.1:5060}). Hosts are
 * expected to be IP literals (bindings' contacts, the edge's Path and Record-Route); a name is resolved with the
 * platform resolver on the call's lane thread. RFC 3263 SRV resolution is a later step.
 */
final class Destinations {
    private Destinations() {}

    /** The next hop of a request to {@code target} with {@code routeSet} (RFC 3261 §8.1.2, loose routing). */
    static Destination nextHop(SipUri target, List<String> routeSet) {
        SipUri hop =
                routeSet.isEmpty() ? target : NameAddress.parse(routeSet.get(0)).sipUri();
        return of(hop);
    }

    /** The next hop of a request within {@code dialog}. */
    static Destination nextHop(DialogState dialog) {
        List<NameAddress> routes = dialog.routes();
        if (!routes.isEmpty()) return of(routes.get(0).sipUri());
        Uri target = dialog.remoteTargetUri();
        if (!(target instanceof SipUri sip)) throw new IllegalArgumentException("not a SIP URI: " + target);
        return of(sip);
    }

    static Destination of(SipUri uri) {
        String param = uri.transportParam();
        TransportType type = param == null
                ? (uri.isSecure() ? TransportType.TLS : TransportType.UDP)
                : TransportType.fromName(param).orElse(TransportType.UDP);
        int port = uri.port() > 0 ? uri.port() : type.defaultPort();
        String host = uri.host();
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        return Destination.of(type, new InetSocketAddress(host, port));
    }

    static String format(Destination d) {
        return d.transport().name() + ":" + d.address().getAddress().getHostAddress() + ":"
                + d.address().getPort();
    }

    static Destination parse(String s) {
        int first = s.indexOf(':');
        int last = s.lastIndexOf(':');
        TransportType type = TransportType.valueOf(s.substring(0, first));
        return Destination.of(
                type, new InetSocketAddress(s.substring(first + 1, last), Integer.parseInt(s.substring(last + 1))));
    }
}
