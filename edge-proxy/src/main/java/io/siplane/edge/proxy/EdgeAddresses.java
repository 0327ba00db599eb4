package io.siplane.edge.proxy;

import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.TransportType;
import java.util.Locale;

/**
 * The edge's own addresses: the external one (advertised to clients: Via towards UAs, Path and Record-Route as the
 * clients see them) and the optional internal one (Via towards back ends and OPTIONS pings). Without an internal
 * address the external one serves both sides, as when the edge runs with host networking.
 *
 * @param externalHost advertised host (IP or name) clients reach the edge at
 * @param externalPort advertised port
 * @param internalHost host the back ends reach the edge at, or null for the external one
 * @param internalPort port for {@code internalHost}
 */
public record EdgeAddresses(String externalHost, int externalPort, String internalHost, int internalPort) {

    public static EdgeAddresses external(String host, int port) {
        return new EdgeAddresses(host, port, null, -1);
    }

    public boolean hasInternal() {
        return internalHost != null;
    }

    /** Our Via towards a UA. */
    public Via externalVia(TransportType t, String branch) {
        return Via.of(t.viaName(), bracket(externalHost), externalPort, branch, true);
    }

    /** Our Via towards a back end (so its responses come back to the internal address). */
    public Via internalVia(TransportType t, String branch) {
        return hasInternal()
                ? Via.of(t.viaName(), bracket(internalHost), internalPort, branch, true)
                : externalVia(t, branch);
    }

    /**
     * The URI that brings requests from the back ends back to this edge: {@code sip:USER@host:port;lr;ob} (RFC 3261
     * §16.6 item 4 loose routing; RFC 5626 §5.1 {@code ob}: this edge keeps the flow). It names the internal address
     * when there is one, since only back ends use it.
     */
    public SipUri routeUri(String user) {
        String host = hasInternal() ? internalHost : externalHost;
        int port = hasInternal() ? internalPort : externalPort;
        return SipUri.of(user, bracket(host), port).withParameter("lr", null).withParameter("ob", null);
    }

    /** The same route URI as clients may see it: the external address (topology hiding). */
    public SipUri externalRouteUri(String user) {
        return SipUri.of(user, bracket(externalHost), externalPort)
                .withParameter("lr", null)
                .withParameter("ob", null);
    }

    /**
     * Our Record-Route entry as the back ends use it: {@code sip:TOKEN@host:port;lr} with the internal address when
     * there is one (RFC 3261 §16.6 item 4).
     */
    public SipUri recordRouteUri(String token) {
        String host = hasInternal() ? internalHost : externalHost;
        int port = hasInternal() ? internalPort : externalPort;
        return SipUri.of(token, bracket(host), port).withParameter("lr", null);
    }

    /** Our Record-Route entry as the UAs see it: the advertised address. */
    public SipUri externalRecordRouteUri(String token) {
        return SipUri.of(token, bracket(externalHost), externalPort).withParameter("lr", null);
    }

    /** True when {@code via}'s sent-by is one of ours. */
    public boolean isOurs(Via via) {
        return matches(via.host(), via.portOrDefault());
    }

    /** True when {@code uri} names this edge (host and port, default 5060/5061). */
    public boolean isOurs(SipUri uri) {
        return matches(uri.host(), uri.portOrDefault());
    }

    private boolean matches(String host, int port) {
        String h = unbracket(host).toLowerCase(Locale.ROOT);
        if (port == externalPort && h.equals(unbracket(externalHost).toLowerCase(Locale.ROOT))) return true;
        return hasInternal()
                && port == internalPort
                && h.equals(unbracket(internalHost).toLowerCase(Locale.ROOT));
    }

    private static String bracket(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
