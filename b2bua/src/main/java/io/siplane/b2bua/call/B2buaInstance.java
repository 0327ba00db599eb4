package io.siplane.b2bua.call;

import io.siplane.b2bua.routing.Router;
import io.siplane.b2bua.state.CallStore;
import io.siplane.sip.stack.SipStack;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;

/**
 * One B2BUA: a SIP stack listening on UDP and TCP with the {@link CallController} as its transaction user. Plain
 * Java, so that tests can run several in one JVM; the Quarkus service builds one from its configuration.
 */
public final class B2buaInstance implements AutoCloseable {
    private final SipStack stack;
    private final CallController controller;

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
        this.controller = new CallController(settings, store, router, metrics, membership);
        TransportConfig transport = TransportConfig.builder()
                .listen(TransportType.UDP, listenHost, listenPort)
                .listen(TransportType.TCP, listenHost, listenPort)
                .build();
        this.stack = new SipStack(transport, timers, controller);
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

    public CallController controller() {
        return controller;
    }

    @Override
    public void close() {
        stack.close();
        controller.close();
    }
}
