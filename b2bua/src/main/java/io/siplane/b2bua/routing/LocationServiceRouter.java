package io.siplane.b2bua.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.sip.message.uri.SipUri;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Routes a registered AOR to its first binding (highest q) from location-service ({@code GET
 * {base}/v1/locations/{aor}}), with the binding's Path as the route set; falls back to another router (the trunk
 * prefixes) when the AOR has no binding.
 *
 * <p>The JDK {@link HttpClient} with {@code sendAsync}: the lookup never blocks a SIP thread, and the client needs no
 * CDI, so the same class runs in plain in-JVM tests and in the service. {@link #targets} gives every binding, grouped
 * by q, for forking.
 */
public final class LocationServiceRouter implements Router {
    private static final Logger LOG = Logger.getLogger(LocationServiceRouter.class);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Router fallback;

    public LocationServiceRouter(URI base, Duration timeout, ObjectMapper json, Router fallback) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.json = json;
        this.fallback = fallback;
    }

    @Override
    public CompletionStage<Optional<Route>> route(SipUri requestUri) {
        return targets(requestUri)
                .thenApply(groups -> groups.isEmpty() || groups.get(0).isEmpty()
                        ? Optional.<Route>empty()
                        : Optional.of(groups.get(0).get(0)));
    }

    /**
     * 404 from the location service means "no such registered user": other routes (the fallback) may apply.
     * Anything else (a timeout, a 5xx, no connection) means we do not know, and must not be mistaken for "not
     * registered" (a 404 to the caller, or a registered user's call sent to a trunk): the lookup completes
     * exceptionally and the call gets 503.
     */
    @Override
    public CompletionStage<List<List<Route>>> targets(SipUri requestUri) {
        return http.sendAsync(lookup(requestUri), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> {
                    if (r.statusCode() == 200) return groups(r.body());
                    if (r.statusCode() == 404) return List.<List<Route>>of();
                    throw new LocationUnavailableException("location-service answered " + r.statusCode());
                })
                .whenComplete((found, e) -> {
                    if (e != null) LOG.warnf("location lookup of %s failed: %s", requestUri.userAtHost(), e.toString());
                })
                .thenCompose(found ->
                        found.isEmpty() ? fallback.targets(requestUri) : CompletableFuture.completedFuture(found));
    }

    /** The bindings grouped by q, highest first (parallel within a group, sequential between groups). */
    List<List<Route>> groups(byte[] body) {
        TreeMap<Double, List<Route>> byQ = new TreeMap<>(Comparator.reverseOrder());
        try {
            for (JsonNode b : json.readTree(body).path("bindings")) {
                String contact = b.path("contact").asText(null);
                if (contact == null) continue;
                List<String> path = new ArrayList<>();
                b.path("path").forEach(p -> path.add(p.asText()));
                byQ.computeIfAbsent(b.path("q").asDouble(1.0), q -> new ArrayList<>())
                        .add(new Route(SipUri.parse(stripBrackets(contact)), path));
            }
        } catch (Exception e) {
            LOG.warnf("unreadable location-service answer: %s", e.toString());
            return List.of();
        }
        return List.copyOf(byQ.values());
    }

    private HttpRequest lookup(SipUri requestUri) {
        String aor = "sip:" + requestUri.userAtHost();
        return HttpRequest.newBuilder(base.resolve("/v1/locations/" + URLEncoder.encode(aor, StandardCharsets.UTF_8)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    /** The highest-q binding of a location-service answer, or empty. */
    Optional<Route> firstBinding(byte[] body) {
        List<List<Route>> g = groups(body);
        return g.isEmpty() || g.get(0).isEmpty()
                ? Optional.empty()
                : Optional.of(g.get(0).get(0));
    }

    /** The location service could not say whether the callee is registered. */
    public static final class LocationUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LocationUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private static String stripBrackets(String contact) {
        int lt = contact.indexOf('<');
        int gt = contact.indexOf('>');
        return lt >= 0 && gt > lt ? contact.substring(lt + 1, gt) : contact;
    }
}
