package io.siplane.edge.proxy;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
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
 * A registrar stand-in on its own {@link SipTransport}: answers REGISTER with 200 OK echoing Path and Contact (RFC
 * 3327 §5.3), answers OPTIONS while {@link #answerOptions} is on, and records everything it gets.
 */
final class FakeRegistrar implements MessageHandler, AutoCloseable {
    final BlockingQueue<SipRequest> registers = new LinkedBlockingQueue<>();
    final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    volatile boolean answerOptions = true;
    private final SipTransport transport;

    FakeRegistrar() {
        transport = new SipTransport(
                TransportConfig.builder()
                        .listen(TransportType.UDP, "127.0.0.1", 0)
                        .listen(TransportType.TCP, "127.0.0.1", 0)
                        .ioThreads(1)
                        .build(),
                this);
        transport.start();
    }

    String id() {
        return "127.0.0.1:" + transport.localAddress(TransportType.UDP).getPort();
    }

    SipTransport transport() {
        return transport;
    }

    @Override
    public void onRequest(SipRequest request, Flow flow) {
        if (request.method() == SipMethod.OPTIONS) {
            if (answerOptions) transport.sendResponse(ok(request).build(), flow);
            return;
        }
        if (request.method() == SipMethod.REGISTER) {
            registers.add(request);
            SipResponse.Builder ok = ok(request);
            for (String p : request.headerValues(HeaderName.PATH)) ok.add(HeaderName.PATH, p);
            for (String c : request.headerValues(HeaderName.CONTACT)) ok.add(HeaderName.CONTACT, c + ";expires=600");
            transport.sendResponse(ok.build(), flow);
        }
    }

    private static SipResponse.Builder ok(SipRequest request) {
        return SipResponse.forRequest(request, 200).toTag("reg").add(HeaderName.CONTENT_LENGTH, "0");
    }

    @Override
    public void onResponse(SipResponse response, Flow flow) {
        responses.add(response);
    }

    void send(SipMessage m, InetSocketAddress to) {
        transport.send(m, Destination.of(TransportType.UDP, to)).join();
    }

    SipRequest nextRegister() throws InterruptedException {
        SipRequest r = registers.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no REGISTER reached " + id());
        return r;
    }

    SipResponse nextResponse() throws InterruptedException {
        SipResponse r = responses.poll(5, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no response reached " + id());
        return r;
    }

    @Override
    public void close() {
        transport.close();
    }
}
