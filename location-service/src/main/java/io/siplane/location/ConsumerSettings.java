package io.siplane.location;

import io.siplane.location.config.LocationConfig;
import java.time.Duration;

/**
 * What {@link RegistrationConsumer} needs from the configuration, as plain values so that a test can build a
 * consumer without the container.
 */
public record ConsumerSettings(
        String bootstrapServers,
        String topic,
        Duration pollTimeout,
        Duration sweepInterval,
        Duration partitionRefreshInterval,
        Duration metadataTimeout,
        int fetchMinBytes,
        Duration fetchMaxWait) {

    /** Defaults of {@code location.events.fetch-min-bytes} and {@code location.events.fetch-max-wait}. */
    public static final int DEFAULT_FETCH_MIN_BYTES = 16384;

    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(2);

    /** With the default fetch tuning. */
    public ConsumerSettings(
            String bootstrapServers,
            String topic,
            Duration pollTimeout,
            Duration sweepInterval,
            Duration partitionRefreshInterval,
            Duration metadataTimeout) {
        this(
                bootstrapServers,
                topic,
                pollTimeout,
                sweepInterval,
                partitionRefreshInterval,
                metadataTimeout,
                DEFAULT_FETCH_MIN_BYTES,
                DEFAULT_FETCH_MAX_WAIT);
    }

    /** The settings from the service configuration. */
    public static ConsumerSettings of(LocationConfig config, String bootstrapServers) {
        return new ConsumerSettings(
                bootstrapServers,
                config.events().topic(),
                config.events().pollTimeout(),
                config.sweepInterval(),
                config.events().partitionRefreshInterval(),
                config.events().metadataTimeout(),
                config.events().fetchMinBytes(),
                config.events().fetchMaxWait());
    }
}
