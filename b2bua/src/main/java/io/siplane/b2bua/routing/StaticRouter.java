package io.siplane.b2bua.routing;

import io.siplane.sip.message.uri.SipUri;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Longest-prefix routes on the Request-URI's user part to configured SIP URIs (trunks). A target without a user
 * part gets the dialled user ({@code 1234} to {@code sip:10.0.0.9:5060} becomes {@code sip:1234@10.0.0.9:5060}).
 * The empty prefix matches every user.
 */
public final class StaticRouter implements Router {
    private final TreeMap<String, SipUri> routes = new TreeMap<>();

    public StaticRouter(Map<String, String> prefixToUri) {
        prefixToUri.forEach((prefix, uri) -> routes.put(prefix, SipUri.parse(uri)));
    }

    @Override
    public CompletionStage<Optional<Route>> route(SipUri requestUri) {
        return CompletableFuture.completedFuture(match(requestUri));
    }

    Optional<Route> match(SipUri requestUri) {
        String user = requestUri.user() == null ? "" : requestUri.user();
        for (int len = user.length(); len >= 0; len--) {
            SipUri target = routes.get(user.substring(0, len));
            if (target != null) {
                SipUri uri = target.user() == null && !user.isEmpty() ? target.withUser(user) : target;
                return Optional.of(Route.to(uri));
            }
        }
        return Optional.empty();
    }
}
