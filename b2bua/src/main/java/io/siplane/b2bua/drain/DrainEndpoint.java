package io.siplane.b2bua.drain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.b2bua.B2buaService;
import io.siplane.b2bua.call.Drain;
import io.siplane.b2bua.config.B2buaConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /q/drain} (the StatefulSet's preStop hook): puts the instance in draining state (readiness DOWN, 503 to
 * new calls and to the edges' OPTIONS pings) and answers once no call is left here — 200 {@code
 * {"drained":true,"remaining":0}} — or after {@code b2bua.drain.timeout}: 200 {@code {"drained":false,
 * "remaining":n}}. A Vert.x route, so the wait holds no thread.
 */
@Singleton
public class DrainEndpoint {
    private static final Duration FALLBACK_TIMEOUT = Duration.ofHours(4);

    private final B2buaService service;
    private final B2buaConfig config;
    private final ObjectMapper json;

    DrainEndpoint(B2buaService service, B2buaConfig config, ObjectMapper json) {
        this.service = service;
        this.config = config;
        this.json = json;
    }

    void routes(@Observes Router router, Vertx vertx) {
        router.get("/q/drain").handler(this::drain);
    }

    Duration timeout() {
        return config.drain().timeout().orElseGet(() -> {
            Duration max = config.limits().maxCallDuration();
            return max.isZero() ? FALLBACK_TIMEOUT : max;
        });
    }

    private void drain(RoutingContext ctx) {
        if (service.instance() == null) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        Drain drain = service.instance().drain();
        drain.drain(timeout()).whenComplete((r, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instance", service.instanceId());
            if (err != null) {
                body.put("drained", false);
                body.put("error", err.toString());
            } else {
                body.put("drained", r.complete());
                body.put("remaining", r.remaining());
                body.put("elapsedMillis", r.elapsedMillis());
            }
            try {
                ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end(json.writeValueAsString(body));
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }
}
