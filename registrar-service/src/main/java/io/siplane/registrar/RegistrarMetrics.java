package io.siplane.registrar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The {@code siplane_registrar_*} meters (docs/metrics.md). */
public final class RegistrarMetrics {

    private final MeterRegistry registry;
    private final Timer publishLatency;

    public RegistrarMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder("siplane.registrar.publish.latency")
                .description("Time from send to broker acknowledgement (acks=all)")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A REGISTER answered with a final response; {@code outcome} is accepted or rejected. */
    public void registration(int status) {
        Counter.builder("siplane.registrar.registrations")
                .description("REGISTER requests answered, by final status")
                .tag("outcome", status >= 200 && status < 300 ? "accepted" : "rejected")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /** A 401 challenge sent; {@code stale} after an expired nonce. */
    public void challenge(boolean stale) {
        Counter.builder("siplane.registrar.auth.challenges")
                .description("Digest challenges sent (401)")
                .tag("stale", Boolean.toString(stale))
                .register(registry)
                .increment();
    }

    /** A publish the broker did not acknowledge in time. */
    public void publishFailed(String topic) {
        Counter.builder("siplane.registrar.publish.failures")
                .description("Kafka publishes not acknowledged within the publish timeout")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    public void publishLatency(long nanos) {
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
