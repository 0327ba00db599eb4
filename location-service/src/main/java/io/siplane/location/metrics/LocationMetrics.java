package io.siplane.location.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.siplane.location.ConsumerStats;
import io.siplane.location.LocationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Registers the {@code siplane_location_*} meters (docs/metrics.md); each reads a value kept elsewhere. */
@ApplicationScoped
public class LocationMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, LocationStore store, ConsumerStats stats) {
        Gauge.builder("siplane.location.aors", store, LocationStore::aorCount)
                .description("AORs with bindings held in memory")
                .register(registry);
        Gauge.builder("siplane.location.bindings", store, LocationStore::bindingCount)
                .description("Bindings held in memory")
                .register(registry);
        Gauge.builder("siplane.location.consumer.lag", stats, ConsumerStats::lag)
                .description("Registration records not yet read, summed over the partitions")
                .register(registry);
        FunctionCounter.builder("siplane.location.events.consumed", stats, ConsumerStats::eventsConsumed)
                .description("Registration events applied, tombstones included")
                .register(registry);
        FunctionCounter.builder("siplane.location.records.bad", stats, ConsumerStats::badRecords)
                .description("Records skipped because they were not a registration event")
                .register(registry);
        FunctionCounter.builder("siplane.location.bindings.expired", stats, ConsumerStats::bindingsExpired)
                .description("Bindings removed by the sweep because they expired")
                .register(registry);
    }
}
