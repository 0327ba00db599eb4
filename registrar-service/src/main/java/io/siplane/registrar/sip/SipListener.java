package io.siplane.registrar.sip;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siplane.registrar.SipRegistrarEndpoint;
import io.siplane.registrar.config.RegistrarConfig;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.stack.SipStack;
import io.siplane.sip.transaction.Destination;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.jboss.logging.Logger;

/**
 * The thin adapter between sip-core's stack (UDP and TCP transport, RFC 3261 §17 server transactions) and
 * {@link SipRegistrarEndpoint}. Requests arrive on Netty event loops and are handed over at once; the final
 * response goes back through the server transaction, which absorbs retransmissions of the request.
 */
@ApplicationScoped
public class SipListener {

    private static final Logger LOG = Logger.getLogger(SipListener.class);

    @Inject
    RegistrarConfig config;

    @Inject
    SipRegistrarEndpoint endpoint;

    private volatile SipStack stack;

    void onStart(@Observes StartupEvent event) {
        RegistrarConfig.Sip sip = config.sip();
        if (!sip.enabled()) {
            return;
        }
        TransportConfig transport = TransportConfig.builder()
                .listen(TransportType.UDP, sip.host(), sip.port())
                .listen(TransportType.TCP, sip.host(), sip.port())
                .build();
        stack = new SipStack(transport, TimerConfig.DEFAULT, new Core()).start();
        LOG.infof("SIP listening on %s (UDP and TCP)", stack.transport().localAddress(TransportType.UDP));
    }

    void onStop(@Observes ShutdownEvent event) {
        SipStack s = stack;
        if (s != null) {
            s.close();
        }
    }

    /** Where UDP is bound (the real port when configured with 0), or null when the listener is off. */
    public InetSocketAddress udpAddress() {
        SipStack s = stack;
        return s == null ? null : s.transport().localAddress(TransportType.UDP);
    }

    /** The transaction user: every new request goes to the endpoint, its answer to the transaction. */
    private final class Core implements ServerTransactionUser {
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            endpoint.handle(request, describe(transaction.source()), transaction::sendResponse);
        }

        @Override
        public void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction) {
            // The registrar answers INVITE with 405; the ACK for it ends there.
        }

        @Override
        public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
            // Nothing to cancel: every request gets its final response without delay.
        }

        @Override
        public void onTimeout(ServerTransaction transaction) {}

        @Override
        public void onTransportError(ServerTransaction transaction, Exception cause) {
            LOG.debugf("response not delivered: %s", cause.toString());
        }
    }

    private static String describe(Destination source) {
        InetSocketAddress a = source.address();
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return source.transport().toLowerCase(java.util.Locale.ROOT) + ":" + host + ":" + a.getPort();
    }
}
