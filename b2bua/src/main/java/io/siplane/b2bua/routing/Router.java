package io.siplane.b2bua.routing;

import io.siplane.sip.message.uri.SipUri;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Chooses where a new call goes. Implementations must not block the calling thread. */
public interface Router {
    /**
     * @param requestUri leg A's Request-URI (the callee)
     * @return the route, or empty when the callee is unknown (the call gets 404); completes exceptionally when it
     *     cannot be determined (the call gets 503)
     */
    CompletionStage<Optional<Route>> route(SipUri requestUri);

    /**
     * Every target of {@code requestUri} for forking (RFC 3261 §16.6): groups of equal q, highest q first; the
     * targets of a group are tried in parallel, the next group when all of them failed. Empty when unknown. By
     * default the one {@link #route} target.
     */
    default CompletionStage<List<List<Route>>> targets(SipUri requestUri) {
        return route(requestUri).thenApply(r -> r.map(x -> List.of(List.of(x))).orElse(List.of()));
    }
}
