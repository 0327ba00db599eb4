package io.siplane.b2bua.call;

import io.siplane.b2bua.cdr.CdrSink;
import io.siplane.b2bua.routing.Router;
import io.siplane.b2bua.state.CallStore;
import io.siplane.sip.stack.SipStack;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One B2BUA: a SIP stack listening on UDP and TCP with the {@link CallController} as its transaction user. Plain
 * Java, so that tests can run several in one JVM; the Quarkus service builds one from its configuration.
 */
public final class B2buaInstance implements AutoCloseable {
    /** Retry-After of the 503 a draining instance answers new calls with: the edge retries on another one. */
    static final int DRAIN_RETRY_AFTER_SECONDS = 5;

    private final SipStack stack;
    private final CallController controller;
    private final Drain drain;
    private final CdrSink cdrs;

    public B2buaInstance(
            B2buaSettings settings,
            String listenHost,
            int listenPort,
            TimerConfig timers,
            CallStore store,
            Router router,
            CallMetrics metrics) {
        this(settings, listenHost, listenPort, timers, store, router, metrics, Membership.SINGLE);
    }

    /** @param membership which instances are alive, for the call timer scan (orphaned calls' deadlines) */
    public B2buaInstance(
            B2buaSettings settings,
            String listenHost,
            int listenPort,
            TimerConfig timers,
            CallStore store,
            Router router,
            CallMetrics metrics,
            Membership membership) {
        this(settings, listenHost, listenPort, timers, store, router, metrics, membership, CdrSink.NONE);
    }

    /** @param cdrs where the call detail records go (closed with the instance) */
    public B2buaInstance(
            B2buaSettings settings,
            String listenHost,
            int listenPort,
            TimerConfig timers,
            CallStore store,
            Router router,
            CallMetrics metrics,
            Membership membership,
            CdrSink cdrs) {
        this.cdrs = cdrs;
        this.controller = new CallController(settings, store, router, metrics, membership, cdrs);
        TransportConfig transport = TransportConfig.builder()
                .listen(TransportType.UDP, listenHost, listenPort)
                .listen(TransportType.TCP, listenHost, listenPort)
                .build();
        DrainGate gate = new DrainGate(controller, DRAIN_RETRY_AFTER_SECONDS);
        this.drain = new Drain(gate, controller::activeCalls, Duration.ofMillis(200));
        this.stack = new SipStack(transport, timers, gate);
        controller.attach(stack);
    }

    public B2buaInstance start() {
        stack.start();
        controller.startTimerScan();
        return this;
    }

    public InetSocketAddress localAddress(TransportType type) {
        return stack.transport().localAddress(type);
    }

    /** Graceful drain: no new calls, then wait for the calls here to end. */
    public Drain drain() {
        return drain;
    }

    public CallController controller() {
        return controller;
    }

    @Override
    public void close() {
        stack.close();
        controller.close();
        drain.close();
        cdrs.close();
    }
}
