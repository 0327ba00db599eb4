package io.siplane.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.siplane.edge.routing.Backend;
import io.siplane.edge.routing.BackendPool;
import io.siplane.sip.message.SipMethod;
import java.util.Set;

/**
 * The edge's meters ({@code siplane_edge_*} in Prometheus; see docs/metrics.md). Method tags are limited to the
 * standard methods (anything else is {@code other}) so that garbage from the outside cannot blow up cardinality.
 */
public final class EdgeMetrics {
    private static final Set<String> KNOWN_METHODS = Set.of(
            "INVITE",
            "ACK",
            "BYE",
            "CANCEL",
            "REGISTER",
            "OPTIONS",
            "PRACK",
            "INFO",
            "SUBSCRIBE",
            "NOTIFY",
            "PUBLISH",
            "REFER",
            "MESSAGE",
            "UPDATE");

    private final MeterRegistry registry;

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request arrived (from a client or from a back end). */
    public void requestReceived(SipMethod method) {
        counter("siplane.edge.requests.received", "method", tag(method)).increment();
    }

    /** A response arrived. */
    public void responseReceived(int status) {
        counter("siplane.edge.responses.received", "status_class", statusClass(status))
                .increment();
    }

    /** A request was forwarded; {@code direction} is {@code inbound} (to a back end) or {@code outbound} (to a UA). */
    public void requestForwarded(SipMethod method, String direction) {
        registry.counter("siplane.edge.requests.forwarded", "method", tag(method), "direction", direction)
                .increment();
    }

    /** A response was forwarded by Via towards its client. */
    public void responseForwarded(int status) {
        counter("siplane.edge.responses.forwarded", "status_class", statusClass(status))
                .increment();
    }

    /** The edge answered a request itself with a final error response (it was not forwarded). */
    public void requestRejected(SipMethod method, int status) {
        registry.counter("siplane.edge.requests.rejected", "method", tag(method), "status", Integer.toString(status))
                .increment();
    }

    /** The edge answered a request itself with success (OPTIONS to the edge). */
    public void requestAnswered(SipMethod method, int status) {
        registry.counter("siplane.edge.requests.answered", "method", tag(method), "status", Integer.toString(status))
                .increment();
    }

    /** A message was dropped without an answer (ACK that cannot be routed, response not for us, send failure). */
    public void dropped(String reason) {
        counter("siplane.edge.messages.dropped", "reason", reason).increment();
    }

    /** A request from the outside was over its source's rate limit; {@code action} is {@code 503} or {@code drop}. */
    public void rateLimited(String action) {
        counter("siplane.edge.rate.limited", "action", action).increment();
    }

    /** An in-dialog request named a B2BUA instance that is not healthy and went to the ring's next one. */
    public void b2buaRerouted() {
        registry.counter("siplane.edge.b2bua.rerouted").increment();
    }

    /** A back end's host name resolved to a new address. */
    public void backendAddressChanged(String pool) {
        counter("siplane.edge.backend.address.changes", "pool", pool).increment();
    }

    /** One gauge per back end: 1 while healthy, 0 otherwise. */
    public void registerPool(BackendPool pool) {
        for (Backend b : pool.backends()) {
            Gauge.builder("siplane.edge.backend.healthy", pool, p -> p.isHealthy(b.id()) ? 1 : 0)
                    .description("1 while the back end answers OPTIONS pings, 0 otherwise")
                    .tag("pool", pool.name())
                    .tag("instance", b.id())
                    .register(registry);
        }
    }

    private Counter counter(String name, String tagKey, String tagValue) {
        return registry.counter(name, tagKey, tagValue);
    }

    private static String tag(SipMethod method) {
        String name = method.name();
        return KNOWN_METHODS.contains(name) ? name : "other";
    }

    private static String statusClass(int status) {
        return (status / 100) + "xx";
    }
}
