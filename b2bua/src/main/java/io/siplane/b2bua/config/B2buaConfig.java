package io.siplane.b2bua.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The B2BUA's configuration ({@code b2bua.*}); environment variables override it ({@code B2BUA_SIP_PORT}…). */
@ConfigMapping(prefix = "b2bua")
public interface B2buaConfig {

    /**
     * This instance's id: in the Contact's {@code b2bua} parameter (the edge routes in-dialog requests by it) and as
     * owner of its calls in the cluster. Default: the host name (the pod name of the StatefulSet), else random.
     */
    Optional<String> instanceId();

    Sip sip();

    Cluster cluster();

    Routing routing();

    Limits limits();

    Drain drain();

    Cdr cdr();

    /** Call detail records: one JSON record per call on a Kafka topic when the call ends. */
    interface Cdr {
        /** Whether to write CDRs at all. */
        @WithDefault("true")
        boolean enabled();

        /** The topic (a delete-policy topic; Strimzi {@code KafkaTopic} in the manifests). */
        @WithDefault("sip.calls")
        String topic();

        /** Kafka bootstrap servers, {@code host:port,…}. */
        @WithDefault("127.0.0.1:19092")
        String bootstrapServers();
    }

    /** Graceful drain ({@code GET /q/drain}, the StatefulSet's preStop hook). */
    interface Drain {
        /**
         * How long {@code /q/drain} waits for the calls here to end before it answers anyway (with the number of
         * calls left; they continue on their second owner). Default: {@code b2bua.limits.max-call-duration}, or 4h
         * when that is 0. Keep the pod's terminationGracePeriodSeconds at least this long.
         */
        Optional<Duration> timeout();
    }

    /** SIP listening and the Contact the B2BUA puts in its messages. */
    interface Sip {
        /** Address the UDP and TCP listening points bind. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of both listening points. */
        @WithDefault("5080")
        int port();

        /**
         * Host of the B2BUA's Contact. In production an address of the edge, never a pod address (DESIGN), so that
         * in-dialog requests come back through the edge. Default: {@link #host()}.
         */
        Optional<String> contactHost();

        /** Port of the Contact; default {@link #port()}. */
        Optional<Integer> contactPort();

        /** Threads running the call logic (each call on one of them, in order). */
        @WithDefault("4")
        int workerThreads();
    }

    /** The embedded Infinispan cluster that holds the calls (ADR 0011). */
    interface Cluster {
        /** JGroups cluster name; only instances with the same name share calls. */
        @WithDefault("siplane-b2bua")
        String name();

        /** {@code tcp-loopback} (TCP + TCPPING, one machine) or {@code kube} (TCP + DNS_PING). */
        @WithDefault("tcp-loopback")
        String stack();

        /** Address JGroups binds. */
        @WithDefault("127.0.0.1")
        String bindAddress();

        /** JGroups TCP port. */
        @WithDefault("7800")
        int bindPort();

        /** TCPPING members to contact at start, {@code host[port],…} (tcp-loopback stack). */
        @WithDefault("127.0.0.1[7800],127.0.0.1[7801]")
        String initialHosts();

        /** DNS_PING query, the headless Service of the StatefulSet (kube stack). */
        Optional<String> dnsQuery();

        /** Copies of each call in the cluster; 2 survives the loss of any one instance. */
        @WithDefault("2")
        int owners();

        /** Readiness waits until the cluster view has at least this many members. */
        @WithDefault("1")
        int minMembers();
    }

    /** Where calls go. */
    interface Routing {
        /** location-service base URL; registered AORs are looked up there first. */
        @WithDefault("http://127.0.0.1:8082")
        String locationUrl();

        /** Whether to ask location-service at all (off: static routes only). */
        @WithDefault("true")
        boolean locationEnabled();

        /**
         * Timeout of a location lookup. On timeout the call gets 503 (the caller may retry); it is never taken for
         * "not registered", which would be a false 404 or a registered user's call sent to a trunk.
         */
        @WithDefault("2s")
        Duration locationTimeout();

        /**
         * Static routes: Request-URI user prefix → SIP URI of a trunk ({@code b2bua.routing.static."44"=sip:10.0.0.9}).
         * The longest prefix wins; the empty prefix {@code ""} matches all.
         */
        Map<String, String> staticRoutes();
    }

    /** Limits on calls. */
    interface Limits {
        /** An answered call is torn down (BYE on both legs) after this long; 0 for no limit. */
        @WithDefault("4h")
        Duration maxCallDuration();

        /**
         * How often every instance scans the calls it holds a copy of for passed deadlines (max duration, RFC 4028
         * session expiry) — its own calls and those whose owner has left the cluster.
         */
        @WithDefault("1s")
        Duration timerScanInterval();
    }
}
