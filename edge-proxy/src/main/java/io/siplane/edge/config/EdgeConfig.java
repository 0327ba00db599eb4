package io.siplane.edge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The edge proxy's configuration ({@code edge.*} in application.properties, {@code EDGE_*} as env vars). */
@ConfigMapping(prefix = "edge")
public interface EdgeConfig {

    /**
     * This edge instance's name, written into every flow token so that a token names the edge holding the flow.
     * Defaults to the host name (the pod name on Kubernetes), which is stable for a StatefulSet pod.
     */
    Optional<String> instanceId();

    Sip sip();

    Registrar registrar();

    B2bua b2bua();

    Dns dns();

    RateLimit rateLimit();

    Health health();

    FlowTokenSettings flowToken();

    /** RFC 3261 §16.6 item 3: the Max-Forwards put into a forwarded request that had none. */
    @WithDefault("70")
    int maxForwards();

    /** Retry-After (seconds) on the edge's own 503 answers: no healthy back end, or a method not routed yet. */
    @WithDefault("30")
    int retryAfter();

    /** The SIP listening side. */
    interface Sip {
        /** The IP literal to bind (0.0.0.0 for every interface). */
        @WithDefault("127.0.0.1")
        String host();

        /** The SIP port, shared by every transport; 0 picks an ephemeral port (tests). */
        @WithDefault("5060")
        int port();

        /** Transports to listen on: {@code udp}, {@code tcp}. */
        @WithDefault("udp,tcp")
        List<String> transports();

        /**
         * The host clients reach the edge at (Via sent-by, Path, Record-Route): the public IP or DNS name in front
         * of the edge. Defaults to {@link #host()}.
         */
        Optional<String> advertisedHost();

        /** The port clients reach the edge at. Defaults to the bound port. */
        OptionalInt advertisedPort();

        /**
         * An optional second address (IP literal) towards the back ends: when set, the edge also listens there and
         * puts it in its Via and Path towards the inside; the outside never sees it (the Path entry echoed in a
         * REGISTER's 200 OK is rewritten to the advertised address). Unset: one address serves both sides.
         */
        Optional<String> internalHost();

        /** The port of {@link #internalHost()}; must be fixed (not 0). */
        @WithDefault("5060")
        int internalPort();

        /** How long a TCP connection may stay quiet; longer than a registration refresh with keep-alives. */
        @WithDefault("5m")
        Duration tcpIdleTimeout();
    }

    /** Where REGISTER goes. */
    interface Registrar {
        /**
         * Registrar instances as {@code host:port} (IPv6 as {@code [::1]:5070}); a host name is resolved once at
         * start. Instance ids on the hash ring are these strings, so every edge must list the same ones.
         */
        @WithDefault("127.0.0.1:5070")
        List<String> instances();

        /** The transport towards the registrars ({@code udp} or {@code tcp}). */
        @WithDefault("udp")
        String transport();
    }

    /** Where calls and other non-REGISTER requests go (issue 4, ADR 0009). */
    interface B2bua {
        /**
         * B2BUA instances as {@code id@host:port}, e.g. {@code b2bua-1@10.0.0.5:5080} or, on Kubernetes, {@code
         * b2bua-0@b2bua-0.b2bua.siplane.svc.cluster.local:5080}. The id must be the instance's {@code
         * b2bua.instance-id} (the {@code b2bua} parameter of its Contact), since in-dialog requests are routed by
         * it; without {@code id@} the id is {@code host:port}. Host names are re-resolved every {@code
         * edge.dns.refresh-interval}. Every edge must list the same ids (they are the hash ring). Empty: calls are
         * answered 503.
         */
        Optional<List<String>> instances();

        /** The transport towards the B2BUAs ({@code udp} or {@code tcp}). */
        @WithDefault("udp")
        String transport();
    }

    /** Re-resolution of back-end host names while running. */
    interface Dns {
        /** How often host names of back ends are looked up again (IP literals never are); 0 turns it off. */
        @WithDefault("30s")
        Duration refreshInterval();
    }

    /** Per-source rate limiting of requests from the outside (token bucket per source IP). */
    interface RateLimit {
        /** Off by default: a trunk or a load generator legitimately sends thousands of requests a second. */
        @WithDefault("false")
        boolean enabled();

        /** Sustained requests per second allowed per source IP. */
        @WithDefault("50")
        double rate();

        /** Requests a source may send at once (bucket size). */
        @WithDefault("100")
        int burst();

        /** {@code 503} (answer 503 with Retry-After; never for ACK) or {@code drop} (silently). */
        @WithDefault("503")
        String action();

        /** Sources tracked at most; the least recently seen is forgotten first. */
        @WithDefault("100000")
        int maxSources();
    }

    /** Back-end health by SIP OPTIONS pings. */
    interface Health {
        /** Off: every back end counts as healthy (no pings). */
        @WithDefault("true")
        boolean enabled();

        /** Time between two pings of one instance. */
        @WithDefault("5s")
        Duration interval();

        /** A ping unanswered for this long is a failure. */
        @WithDefault("2s")
        Duration timeout();

        /** Failures in a row that make a healthy instance unhealthy. */
        @WithDefault("3")
        int failureThreshold();

        /** Successes in a row that make an unhealthy instance healthy again (the first answer after start: 1). */
        @WithDefault("2")
        int successThreshold();
    }

    /** Flow tokens (RFC 5626 style) in Path and Record-Route. */
    interface FlowTokenSettings {
        /**
         * The HMAC-SHA256 key, base64, at least 16 bytes; the same on every edge instance (any edge must verify any
         * token). Required: only the dev and test profiles have a default. Also keys the stateless branch hash.
         */
        String secret();
    }
}
