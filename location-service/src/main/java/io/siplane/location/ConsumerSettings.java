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
        Duration metadataTimeout) {

    /** The settings from the service configuration. */
    public static ConsumerSettings of(LocationConfig config, String bootstrapServers) {
        return new ConsumerSettings(
                bootstrapServers,
                config.events().topic(),
                config.events().pollTimeout(),
                config.sweepInterval(),
                config.events().partitionRefreshInterval(),
                config.events().metadataTimeout());
    }
}
