package io.siplane.location.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Configuration of the location service, under the prefix {@code location}. The Kafka bootstrap servers are
 * the shared {@code kafka.bootstrap.servers} (default {@code 127.0.0.1:19092}, the local broker), the HTTP port
 * is {@code quarkus.http.port} (default 8082). docs/operations.md lists every property.
 */
@ConfigMapping(prefix = "location")
public interface LocationConfig {

    /** The Kafka side: where the registration events are read from. */
    Events events();

    /** The operators' listing {@code GET /v1/locations}. */
    Listing listing();

    /**
     * How often expired bindings are removed from memory. Lookups never return an expired binding whatever
     * this is; it bounds how long memory and the gauges still count them.
     */
    @WithDefault("10s")
    Duration sweepInterval();

    /** Where and how the registration events are consumed. */
    interface Events {
        /** The compacted topic of per-AOR registration snapshots (ADR 0005). */
        @WithDefault("sip.registrations")
        String topic();

        /**
         * The longest one poll of the consumer waits for records. It also bounds how late a sweep runs and how
         * quickly the consumer notices a shutdown.
         */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** How often the consumer looks for partitions added to the topic, which it then reads from the start. */
        @WithDefault("1m")
        Duration partitionRefreshInterval();

        /**
         * How long to wait at startup for the topic's metadata (its partitions and their end offsets) before
         * trying again; the instance stays unready meanwhile.
         */
        @WithName("metadata-timeout")
        @WithDefault("10s")
        Duration metadataTimeout();

        /**
         * Consumer {@code fetch.min.bytes}: the broker holds a fetch until this much data is there or
         * {@link #fetchMaxWait()} passed. Fewer, larger fetches under load (the consumer's main CPU cost);
         * at low load a new binding becomes visible up to {@code fetch-max-wait} later.
         */
        @WithDefault("16384")
        int fetchMinBytes();

        /** Consumer {@code fetch.max.wait.ms}: the longest the broker holds a fetch for {@link #fetchMinBytes()}. */
        @WithDefault("2ms")
        Duration fetchMaxWait();
    }

    /** Limits of the operators' listing. */
    interface Listing {
        /** The largest page a client may ask for; a larger {@code size} is answered with 400. */
        @WithDefault("500")
        int maxPageSize();

        /** The page size when the request names none. */
        @WithDefault("50")
        int defaultPageSize();
    }
}
