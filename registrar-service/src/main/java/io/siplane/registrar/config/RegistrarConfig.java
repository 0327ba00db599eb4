package io.siplane.registrar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of registrar-service; docs/operations.md lists them with their defaults. */
@ConfigMapping(prefix = "registrar")
public interface RegistrarConfig {

    /** The SIP domain this registrar serves by default: the default realm and the domain of CSV users. */
    @WithDefault("example.com")
    String domain();

    /**
     * Domains whose bindings this registrar keeps (RFC 3261 §10.3 steps 1 and 5). Empty: every domain, and
     * the To domain is not checked against the Request-URI.
     */
    Optional<List<String>> acceptedDomains();

    /** Names this instance in registration events; defaults to the host name. */
    Optional<String> instanceId();

    /** A REGISTER that would leave more bindings than this for one AOR gets 403 Too Many Bindings. */
    @WithDefault("10")
    int maxBindingsPerAor();

    Expires expires();

    Auth auth();

    Kafka kafka();

    Sip sip();

    Admin admin();

    Provisioning provisioning();

    /** Registration intervals (RFC 3261 §10.3 step 7). */
    interface Expires {
        /** Granted when neither the Contact's expires parameter nor the Expires header asks. */
        @WithName("default")
        @WithDefault("3600")
        long defaultSeconds();

        /** Shorter positive requests get 423 Interval Too Brief with this Min-Expires. */
        @WithName("min")
        @WithDefault("60")
        long minSeconds();

        /** Longer requests are granted this. */
        @WithName("max")
        @WithDefault("7200")
        long maxSeconds();
    }

    /** Digest authentication (RFC 3261 §22, RFC 8760). */
    interface Auth {
        /** Off only for load tests: every REGISTER is then taken as from the owner of its To AOR. */
        @WithDefault("true")
        boolean enabled();

        /** The realm challenged for; defaults to {@link RegistrarConfig#domain()}. HA1 values depend on it. */
        Optional<String> realm();

        /**
         * Base64 of at least 16 random bytes, the same on every instance so that any instance verifies a
         * nonce another one issued. Required when authentication is enabled; never logged.
         */
        Optional<String> nonceSecret();

        /** How long a nonce is accepted before the UA is challenged again with stale=true. */
        @WithDefault("5m")
        Duration nonceLifetime();

        /** Algorithms offered, one WWW-Authenticate each, most preferred first (RFC 8760 §2.4). */
        @WithDefault("SHA-256,MD5")
        List<String> algorithms();
    }

    /** The Kafka topics: registrations produced, subscribers produced and consumed. */
    interface Kafka {
        /** Bootstrap servers. */
        @WithDefault("127.0.0.1:19092")
        String bootstrapServers();

        /** Per-AOR registration snapshots (ADR 0005), compacted, keyed by AOR. */
        @WithDefault("sip.registrations")
        String registrationsTopic();

        /** Subscribers and their HA1 values, compacted, keyed by AOR, tombstone on delete. */
        @WithDefault("sip.subscribers")
        String subscribersTopic();

        /** Whether to create missing topics (compacted) at start. */
        @WithDefault("true")
        boolean createTopics();

        /** Partitions of topics created at start. */
        @WithDefault("6")
        int partitions();

        /** Replication factor of topics created at start (3 in production, with min.insync.replicas=2). */
        @WithDefault("1")
        short replicationFactor();

        /**
         * Longest wait for a broker acknowledgement (producer delivery.timeout.ms, request.timeout.ms and
         * max.block.ms): past it, REGISTER is answered 503 and a REST write 503.
         */
        @WithDefault("5s")
        Duration publishTimeout();

        /** Retry-After sent with 503 while Kafka is unavailable. */
        @WithDefault("10s")
        Duration retryAfter();

        /**
         * Producer {@code linger.ms}: how long a record waits for others to share its produce request. A
         * millisecond batches concurrent REGISTERs (far less broker and producer CPU per record) and adds at
         * most that much to the 200 OK.
         */
        @WithDefault("1ms")
        Duration linger();

        /** Producer {@code batch.size} in bytes: the most records of one partition sent in one batch. */
        @WithDefault("65536")
        int batchSize();

        /**
         * {@code fetch.min.bytes} of the registrar's own consumer (its views): the broker holds a fetch until this
         * much data is there or {@link #fetchMaxWait()} passed.
         */
        @WithDefault("16384")
        int fetchMinBytes();

        /** {@code fetch.max.wait.ms} of the registrar's own consumer. */
        @WithDefault("5ms")
        Duration fetchMaxWait();
    }

    /** The SIP side. */
    interface Sip {
        /** Whether to open the SIP listener. */
        @WithDefault("true")
        boolean enabled();

        /** Address the UDP and TCP listeners bind to. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of the UDP and TCP listeners (the edge proxy on 5060 forwards REGISTER here). */
        @WithDefault("5070")
        int port();

        /** Worker threads that process REGISTERs (they do not wait for the Kafka acknowledgement). */
        @WithDefault("16")
        int workerThreads();

        /** REGISTERs waiting for a worker; beyond this they get 503 at once. */
        @WithDefault("1000")
        int queueCapacity();
    }

    /** The /v1 admin API. Without any credential configured it refuses every request (fails closed). */
    interface Admin {
        /** Bearer token for {@code Authorization: Bearer …}; never logged. */
        Optional<String> token();

        /** User name for HTTP Basic, together with {@link #basicPassword()}. */
        Optional<String> basicUsername();

        /** Password for HTTP Basic; never logged. */
        Optional<String> basicPassword();
    }

    /** Subscribers created at start. */
    interface Provisioning {
        /**
         * A CSV file of {@code user;password} lines (blank lines and {@code #} comments skipped): each user
         * not yet provisioned is created in {@link #domain()} once the subscriber topic has been read.
         */
        Optional<Path> csv();

        /** Domain of the CSV users; defaults to {@link RegistrarConfig#domain()}. */
        Optional<String> domain();
    }
}
