package io.siplane.b2bua.routing;

import io.siplane.sip.message.uri.SipUri;
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
}
