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
        String aor = "sip:" + requestUri.userAtHost();
        HttpRequest get = HttpRequest.newBuilder(
                        base.resolve("/v1/locations/" + URLEncoder.encode(aor, StandardCharsets.UTF_8)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> r.statusCode() == 200 ? firstBinding(r.body()) : Optional.<Route>empty())
                .exceptionally(e -> {
                    LOG.warnf("location lookup of %s failed: %s", aor, e.toString());
                    return Optional.empty();
                })
                .thenCompose(found ->
                        found.isPresent() ? CompletableFuture.completedFuture(found) : fallback.route(requestUri));
    }

    @Override
    public CompletionStage<List<List<Route>>> targets(SipUri requestUri) {
        return http.sendAsync(lookup(requestUri), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> r.statusCode() == 200 ? groups(r.body()) : List.<List<Route>>of())
                .exceptionally(e -> {
                    LOG.warnf("location lookup of %s failed: %s", requestUri.userAtHost(), e.toString());
                    return List.of();
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

    Optional<Route> firstBinding(byte[] body) {
        try {
            JsonNode bindings = json.readTree(body).path("bindings");
            List<JsonNode> sorted = new ArrayList<>();
            bindings.forEach(sorted::add);
            sorted.sort(Comparator.comparingDouble((JsonNode b) -> b.path("q").asDouble(1.0))
                    .reversed());
            for (JsonNode b : sorted) {
                String contact = b.path("contact").asText(null);
                if (contact == null) continue;
                List<String> path = new ArrayList<>();
                b.path("path").forEach(p -> path.add(p.asText()));
                return Optional.of(new Route(SipUri.parse(stripBrackets(contact)), path));
            }
        } catch (Exception e) {
            LOG.warnf("unreadable location-service answer: %s", e.toString());
        }
        return Optional.empty();
    }

    private static String stripBrackets(String contact) {
        int lt = contact.indexOf('<');
        int gt = contact.indexOf('>');
        return lt >= 0 && gt > lt ? contact.substring(lt + 1, gt) : contact;
    }
}
