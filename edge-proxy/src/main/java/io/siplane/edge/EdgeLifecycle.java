package io.siplane.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siplane.edge.config.EdgeConfig;
import io.siplane.edge.config.EdgeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts the edge with the application and stops it on shutdown. */
@ApplicationScoped
public class EdgeLifecycle {
    private final EdgeConfig config;
    private final MeterRegistry registry;
    private volatile EdgeServer server;

    public EdgeLifecycle(EdgeConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    // start-up runs on the main thread: binding the sockets blocks briefly, which is fine there
    void onStart(@Observes StartupEvent event) {
        EdgeServer s = new EdgeServer(EdgeSettings.from(config), registry);
        s.start();
        server = s;
    }

    void onStop(@Observes ShutdownEvent event) {
        EdgeServer s = server;
        if (s != null) s.close();
    }

    /** The running edge, or null before start. */
    public EdgeServer server() {
        return server;
    }
}
