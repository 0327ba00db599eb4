package io.siplane.sip.stack;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transaction.TransactionTimers;
import io.siplane.sip.transaction.TransactionTransport;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.MessageHandler;
import io.siplane.sip.transport.SipTransport;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A user agent's or stateful element's stack: the §18 transport and the §17 transaction layer wired together. The
 * caller is the transaction user: it gets new requests through its {@link ServerTransactionUser} and sends
 * requests with {@link #sendRequest}, which stamps the top Via (advertised sent-by, new branch, RFC 3581 rport).
 *
 * <p>The two layers each define the narrow port they need ({@code transaction.Destination} is transport-neutral);
 * this class is the one place that translates between them.
 */
public final class SipStack implements AutoCloseable {
    private final SipTransport transport;
    private final TransactionLayer transactions;
    private final ScheduledExecutorService timerThread;

    public SipStack(TransportConfig transportConfig, TimerConfig timerConfig, ServerTransactionUser core) {
        this(transportConfig, timerConfig, core, TransactionLayer.Options.uas());
    }

    public SipStack(
            TransportConfig transportConfig,
            TimerConfig timerConfig,
            ServerTransactionUser core,
            TransactionLayer.Options options) {
        Objects.requireNonNull(core, "core");
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true); // most transaction timers are cancelled; don't let them pile up
        this.timerThread = timers;
        this.transport = new SipTransport(transportConfig, new Inbound());
        this.transactions =
                new TransactionLayer(new Outbound(), TransactionTimers.of(timers), timerConfig, core, options);
    }

    /** Binds the listening points. */
    public SipStack start() {
        transport.start();
        return this;
    }

    @Override
    public void close() {
        transport.close();
        timerThread.shutdownNow();
    }

    public SipTransport transport() {
        return transport;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    /**
     * Sends a request in a new client transaction, with a top Via naming this element (RFC 3261 §8.1.1.7,
     * §18.1.1). Any Via already on the request stays below it.
     */
    public ClientTransaction sendRequest(SipRequest request, Destination to, ClientTransactionUser user) {
        return transactions.sendRequest(withOwnVia(request, to.transport()), toTransaction(to), user);
    }

    /** Sends a request outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4), with its own branch. */
    public void sendAck(SipRequest ack, Destination to) {
        transactions.sendStateless(withOwnVia(ack, to.transport()), toTransaction(to));
    }

    private SipRequest withOwnVia(SipRequest request, TransportType type) {
        String via = transport.viaFor(type, TransactionLayer.newBranch()).toString();
        return request.toBuilder().addFirst(HeaderName.VIA, via).build();
    }

    // ---- translation between the layers' ports ---------------------------------------------------------------

    /** The transaction layer's view of a flow: transport name, peer, and the flow encoded as an opaque id. */
    static io.siplane.sip.transaction.Destination toTransaction(Flow flow) {
        String id = flow.connectionId() + "@" + (flow.local() == null ? "" : hostPort(flow.local()));
        return new io.siplane.sip.transaction.Destination(flow.transport().viaName(), flow.remote(), id);
    }

    static io.siplane.sip.transaction.Destination toTransaction(Destination d) {
        if (d.flow() != null) return toTransaction(d.flow());
        return io.siplane.sip.transaction.Destination.of(d.transport().viaName(), d.address());
    }

    static Destination toTransport(io.siplane.sip.transaction.Destination d) {
        TransportType type = TransportType.fromName(d.transport())
                .orElseThrow(() -> new IllegalArgumentException("unknown transport " + d.transport()));
        if (d.flowId() == null) return Destination.of(type, d.address());
        int at = d.flowId().indexOf('@');
        long connection = Long.parseLong(d.flowId().substring(0, at));
        String local = d.flowId().substring(at + 1);
        InetSocketAddress localAddress = local.isEmpty() ? null : parseHostPort(local);
        if (type.isReliable() && connection == Flow.NO_CONNECTION) return Destination.of(type, d.address());
        return new Destination(type, d.address(), new Flow(type, localAddress, d.address(), connection));
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static InetSocketAddress parseHostPort(String s) {
        int colon = s.lastIndexOf(':');
        String host = s.substring(0, colon);
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        // an IP literal: InetSocketAddress resolves it without DNS
        return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }

    /** Messages from the transport into the transaction layer. */
    private final class Inbound implements MessageHandler {
        @Override
        public void onRequest(SipRequest request, Flow flow) {
            transactions.receiveRequest(request, toTransaction(flow));
        }

        @Override
        public void onResponse(SipResponse response, Flow flow) {
            transactions.receiveResponse(response, toTransaction(flow));
        }
    }

    /** Messages from the transaction layer onto the wire. */
    private final class Outbound implements TransactionTransport {
        @Override
        public void send(SipMessage message, io.siplane.sip.transaction.Destination destination) {
            // Failures that surface later (a refused connection) end the transaction through its timers; the
            // transaction layer has no per-message handle to report them to.
            transport.send(message, toTransport(destination));
        }
    }
}
