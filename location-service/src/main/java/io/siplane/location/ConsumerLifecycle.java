package io.siplane.location;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siplane.location.config.LocationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts the {@link RegistrationConsumer} with the application and stops it on shutdown. */
@ApplicationScoped
public class ConsumerLifecycle {
    private final RegistrationConsumer consumer;

    ConsumerLifecycle(
            LocationConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:19092") String bootstrap,
            LocationStore store,
            CatchUpTracker tracker,
            ConsumerStats stats,
            Clock clock) {
        this.consumer = new RegistrationConsumer(ConsumerSettings.of(config, bootstrap), store, tracker, stats, clock);
    }

    void onStart(@Observes StartupEvent event) {
        consumer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        consumer.close();
    }

    /** Whether the consumer thread is running. */
    public boolean alive() {
        return consumer.alive();
    }
}
