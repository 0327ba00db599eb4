package io.siplane.edge.proxy;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.MessageHandler;
import io.siplane.sip.transport.SipTransport;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A B2BUA stand-in on an internal address ({@code 127.0.0.2}, which the outside must never see): answers the edge's
 * OPTIONS pings while {@link #answerOptions} is on, records every other request and every response.
 */
final class FakeB2bua implements MessageHandler, AutoCloseable {
    static final String HOST = "127.0.0.2";

    final BlockingQueue<SipRequest> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    volatile boolean answerOptions = true;
    private final String id;
    private final SipTransport transport;

    FakeB2bua(String id) {
        this.id = id;
        transport = new SipTransport(
                TransportConfig.builder()
                        .listen(TransportType.UDP, HOST, 0)
                        .ioThreads(1)
                        .build(),
                this);
        transport.start();
    }

    String id() {
        return id;
    }

    int port() {
        return transport.localAddress(TransportType.UDP).getPort();
    }

    /** As configured at the edge: {@code id@host:port}. */
    String spec() {
        return id + "@" + HOST + ":" + port();
    }

    SipTransport transport() {
        return transport;
    }

    @Override
    public void onRequest(SipRequest request, Flow flow) {
        boolean ping =
                request.method() == SipMethod.OPTIONS && request.requestUri() instanceof SipUri u && u.user() == null;
        if (ping) {
            if (answerOptions)
                transport.sendResponse(
                        SipResponse.forRequest(request, 200)
                                .toTag("b2b")
                                .add("Content-Length", "0")
                                .build(),
                        flow);
            return;
        }
        requests.add(request);
    }

    @Override
    public void onResponse(SipResponse response, Flow flow) {
        responses.add(response);
    }

    void send(SipMessage m, InetSocketAddress to) {
        transport.send(m, Destination.of(TransportType.UDP, to)).join();
    }

    SipRequest nextRequest() throws InterruptedException {
        SipRequest r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no request reached " + id);
        return r;
    }

    SipResponse nextResponse() throws InterruptedException {
        SipResponse r = responses.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no response reached " + id);
        return r;
    }

    void clear() {
        requests.clear();
        responses.clear();
    }

    @Override
    public void close() {
        transport.close();
    }
}
