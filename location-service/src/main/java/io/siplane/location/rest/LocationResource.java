package io.siplane.location.rest;

import io.siplane.events.registration.Binding;
import io.siplane.location.AorKey;
import io.siplane.location.LocationStore;
import io.siplane.location.config.LocationConfig;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** Lookups of the bindings of an AOR (the location server of RFC 3261 §10), and a listing for operators. */
@Path("/v1/locations")
@Produces(MediaType.APPLICATION_JSON)
public class LocationResource {
    private final LocationStore store;
    private final LocationConfig config;
    private final Clock clock;

    LocationResource(LocationStore store, LocationConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The live bindings of {@code aor} (URL-encoded {@code sip:user@host}), highest q first; 404 when it has
     * none, 400 when {@code aor} is not an AOR.
     */
    @GET
    @Path("{aor}")
    @NonBlocking // a map read: on the event loop, no worker thread hop on the call path
    public LocationView lookup(@PathParam("aor") String aor) {
        String key;
        try {
            key = AorKey.canonical(aor);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        long now = clock.millis();
        List<Binding> bindings = store.lookup(key, now);
        if (bindings.isEmpty()) throw ApiException.notFound("no bindings for " + key);
        return LocationView.of(key, bindings, now);
    }

    /**
     * Page {@code page} (from 0) of the AORs with live bindings, sorted by AOR, with the total. Runs on a
     * worker thread: it walks the whole store to count the total.
     */
    @GET
    public LocationPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = intParam("page", page, 0);
        int s = intParam("size", size, config.listing().defaultPageSize());
        if (p < 0) throw ApiException.badRequest("page must be 0 or more");
        int max = config.listing().maxPageSize();
        if (s < 1 || s > max) throw ApiException.badRequest("size must be between 1 and " + max);
        long now = clock.millis();
        LocationStore.Page result = store.page(p, s, now);
        List<LocationView> items = result.entries().stream()
                .map(e -> LocationView.of(e.aor(), e.bindings(), now))
                .toList();
        return new LocationPage(p, s, result.total(), items);
    }

    // Parsed here rather than by JAX-RS, which answers 404 for a query parameter that is not a number.
    private static int intParam(String name, String value, int absent) {
        if (value == null || value.isEmpty()) return absent;
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer");
        }
    }
}
