package io.siplane.registrar.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.registrar.Aor;
import io.siplane.registrar.RegistrationPublisher.PublishException;
import io.siplane.registrar.config.RegistrarConfig;
import io.siplane.registrar.subscriber.Subscriber;
import io.siplane.registrar.subscriber.SubscriberService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v1/subscribers}: provisioning of subscribers (AOR and password in, HA1 values stored).
 *
 * <p>The methods return plain values, so Quarkus REST runs them on worker threads: a write waits for the
 * Kafka acknowledgement, which must never happen on the event loop. The body is read as text and parsed
 * here, so a malformed body is answered with a fixed message and never echoed (it may hold a password).
 */
@Path("/v1/subscribers")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    private static final Set<String> FIELDS = Set.of("aor", "password");
    private static final int MAX_PAGE = 1000;

    @Inject
    SubscriberService subscribers;

    @Inject
    ObjectMapper json;

    @Inject
    RegistrarConfig config;

    /** What GET shows of a subscriber: no HA1. */
    public record SubscriberView(String aor, String realm, Set<String> algorithms) {
        static SubscriberView of(Subscriber s) {
            return new SubscriberView(s.aor(), s.realm(), new TreeSet<>(s.ha1().keySet()));
        }
    }

    /** A page of subscribers. */
    public record Page(List<SubscriberView> items, long total, int offset, int limit) {}

    private record Input(String aor, String password) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        Input in = parse(body, null);
        SubscriberService.Outcome outcome = write(() -> subscribers.create(in.aor, in.password));
        if (outcome == SubscriberService.Outcome.EXISTS) {
            return ApiError.response(409, "subscriber exists");
        }
        return Response.created(UriBuilder.fromPath("/v1/subscribers/{aor}").build(in.aor))
                .entity(SubscriberView.of(subscribers.find(in.aor).orElseThrow()))
                .build();
    }

    @PUT
    @Path("{aor}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("aor") String aor, String body) {
        String canonical = aor(aor);
        Input in = parse(body, canonical);
        SubscriberService.Outcome outcome = write(() -> subscribers.put(canonical, in.password));
        SubscriberView view = SubscriberView.of(subscribers.find(canonical).orElseThrow());
        return outcome == SubscriberService.Outcome.CREATED
                ? Response.status(201).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("{aor}")
    public SubscriberView get(@PathParam("aor") String aor) {
        return subscribers
                .find(aor(aor))
                .map(SubscriberView::of)
                .orElseThrow(() -> ApiError.exception(404, "no such subscriber"));
    }

    @GET
    public Page list(
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiError.exception(400, "offset must be >= 0 and limit 1.." + MAX_PAGE);
        }
        List<SubscriberView> items =
                subscribers.page(offset, limit).stream().map(SubscriberView::of).toList();
        return new Page(items, subscribers.count(), offset, limit);
    }

    @DELETE
    @Path("{aor}")
    public Response delete(@PathParam("aor") String aor) {
        String canonical = aor(aor);
        if (!write(() -> subscribers.delete(canonical))) {
            return ApiError.response(404, "no such subscriber");
        }
        return Response.noContent().build();
    }

    private interface Write<T> {
        T run() throws PublishException;
    }

    private <T> T write(Write<T> write) {
        try {
            return write.run();
        } catch (PublishException e) {
            throw new jakarta.ws.rs.WebApplicationException(Response.status(503)
                    .type(MediaType.APPLICATION_JSON)
                    .header(
                            "Retry-After",
                            Math.max(1, config.kafka().retryAfter().toSeconds()))
                    .entity(new ApiError("subscriber store unavailable", 503))
                    .build());
        }
    }

    private static String aor(String text) {
        return Aor.parseStrict(text).orElseThrow(() -> ApiError.exception(400, "aor must be sip:user@host"));
    }

    /**
     * Reads {@code {"aor": ..., "password": ...}}. With {@code pathAor} (PUT) the body's aor is optional and
     * must name the same AOR.
     */
    private Input parse(String body, String pathAor) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.exception(400, "malformed JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.exception(400, "body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.exception(400, "unknown field: " + (name.length() > 40 ? name.substring(0, 40) : name));
            }
        }
        JsonNode password = node.get("password");
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            throw ApiError.exception(400, "password must be a non-empty string");
        }
        JsonNode aorNode = node.get("aor");
        String aor;
        if (aorNode == null && pathAor != null) {
            aor = pathAor;
        } else {
            if (aorNode == null || !aorNode.isTextual()) {
                throw ApiError.exception(400, "aor must be sip:user@host");
            }
            aor = aor(aorNode.asText());
            if (pathAor != null && !pathAor.equals(aor)) {
                throw ApiError.exception(400, "aor in the body differs from the path");
            }
        }
        return new Input(aor, password.asText());
    }
}
