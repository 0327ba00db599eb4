package io.siplane.b2bua.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.siplane.sip.message.uri.SipUri;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Not registered" and "could not look it up" are different answers: only the location service's 404 lets the
 * fallback routes apply (and ends in 404 to the caller); a failed lookup fails the route, so the caller gets 503
 * instead of a false 404 and a registered user's call never falls through to a trunk.
 */
class LocationLookupFailureTest {
    HttpServer server;

    LocationServiceRouter routerAnswering(int status) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        StaticRouter trunk = new StaticRouter(Map.of("", "sip:trunk@127.0.0.1:5999"));
        return new LocationServiceRouter(base, Duration.ofSeconds(2), new ObjectMapper(), trunk);
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void anUnknownUserFallsBackToTheOtherRoutes() throws Exception {
        List<List<Route>> groups = routerAnswering(404)
                .targets(SipUri.parse("sip:555@example.com"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get(0).requestUri().user()).isEqualTo("trunk");
    }

    @Test
    void aFailingLocationServiceFailsTheLookupInsteadOfPretendingTheUserIsUnknown() throws Exception {
        LocationServiceRouter router = routerAnswering(500);
        assertThatThrownBy(() -> router.targets(SipUri.parse("sip:2000@example.com"))
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LocationServiceRouter.LocationUnavailableException.class);
    }
}
