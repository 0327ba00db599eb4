package io.siplane.b2bua.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.siplane.b2bua.call.CallMetrics;
import jakarta.inject.Singleton;
import java.util.function.IntSupplier;

/** The call metrics as Micrometer meters, {@code siplane_b2bua_*} in Prometheus (docs/metrics.md). */
@Singleton
public class B2buaMetrics implements CallMetrics {
    private final MeterRegistry registry;
    private final Counter started;
    private final Counter answered;
    private final Counter takenOver;

    B2buaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("siplane.b2bua.calls.started")
                .description("INVITEs on leg A that started a call")
                .register(registry);
        this.answered = Counter.builder("siplane.b2bua.calls.answered")
                .description("calls answered (2xx relayed to leg A)")
                .register(registry);
        this.takenOver = Counter.builder("siplane.b2bua.calls.taken.over")
                .description("calls this instance took over from the shared state")
                .register(registry);
    }

    /** Registers the gauges once the instance runs. */
    public void bind(IntSupplier activeCalls, IntSupplier clusterMembers) {
        Gauge.builder("siplane.b2bua.calls.active", activeCalls::getAsInt)
                .description("calls held in this instance's memory")
                .register(registry);
        Gauge.builder("siplane.b2bua.cluster.members", clusterMembers::getAsInt)
                .description("members in this instance's view of the cluster")
                .register(registry);
    }

    /** 1 while the instance drains ({@code /q/drain}). */
    public void bindDraining(java.util.function.BooleanSupplier draining) {
        Gauge.builder("siplane.b2bua.draining", () -> draining.getAsBoolean() ? 1 : 0)
                .description("1 while this instance drains (no new calls), else 0")
                .register(registry);
    }

    @Override
    public void callStarted() {
        started.increment();
    }

    @Override
    public void callAnswered() {
        answered.increment();
    }

    @Override
    public void callFailed(int status) {
        Counter.builder("siplane.b2bua.calls.failed")
                .description("calls that ended without answer, by the final status leg A got")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    @Override
    public void callExpired(String reason) {
        Counter.builder("siplane.b2bua.calls.expired")
                .description("answered calls the B2BUA tore down itself (BYE on both legs), by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void cdrSent() {
        Counter.builder("siplane.b2bua.cdr.sent")
                .description("call detail records acknowledged by Kafka")
                .register(registry)
                .increment();
    }

    @Override
    public void cdrFailed(String reason) {
        Counter.builder("siplane.b2bua.cdr.failed")
                .description("call detail records lost, by reason (queue-full, kafka, build)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void callTakenOver() {
        takenOver.increment();
    }
}
