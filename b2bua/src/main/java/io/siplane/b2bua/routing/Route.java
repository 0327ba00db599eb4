package io.siplane.b2bua.routing;

import io.siplane.sip.message.uri.SipUri;
import java.util.List;
import java.util.Objects;

/**
 * Where leg B goes.
 *
 * @param requestUri leg B's Request-URI (a binding's Contact, or a trunk URI)
 * @param routeSet Route header values to put on leg B's INVITE (a binding's Path, RFC 3327), first hop first
 */
public record Route(SipUri requestUri, List<String> routeSet) {
    public Route {
        Objects.requireNonNull(requestUri, "requestUri");
        routeSet = List.copyOf(routeSet);
    }

    public static Route to(SipUri uri) {
        return new Route(uri, List.of());
    }
}
