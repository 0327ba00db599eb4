package io.siplane.b2bua.testing;

import io.siplane.sip.dialog.DialogRequest;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.MediaType;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.stack.SipStack;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.Destination;
import io.siplane.sip.transaction.InviteClientTransaction;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A small SIP phone on loopback UDP for in-JVM tests: calls (as UAC) and answers (as UAS, in a chosen way). */
public final class TestPhone implements ServerTransactionUser, AutoCloseable {
    public static final byte[] SDP = ("v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** How the phone answers an INVITE. */
    public enum Answer {
        RING_THEN_OK,
        BUSY,
        RING_ONLY
    }

    public final AtomicInteger invites = new AtomicInteger();
    public final AtomicInteger byes = new AtomicInteger();
    public final AtomicInteger acks = new AtomicInteger();
    public volatile SipRequest lastInvite;

    private final SipStack stack;
    private final String name;
    private volatile Answer answer = Answer.RING_THEN_OK;
    private volatile DialogState dialog;
    private volatile InviteClientTransaction outgoing;

    public TestPhone(String name) {
        this.name = name;
        this.stack = new SipStack(
                        TransportConfig.builder()
                                .listen(TransportType.UDP, "127.0.0.1", 0)
                                .build(),
                        TimerConfig.DEFAULT,
                        this)
                .start();
    }

    public TestPhone answering(Answer a) {
        answer = a;
        return this;
    }

    public int port() {
        return stack.transport().localAddress(TransportType.UDP).getPort();
    }

    public String uri() {
        return "sip:" + name + "@127.0.0.1:" + port();
    }

    /** Calls {@code requestUri} through {@code via}; completes with the final response (after ACKing a 2xx). */
    public CompletableFuture<SipResponse> call(String requestUri, InetSocketAddress via) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.parse(requestUri))
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "\"" + name + "\" <sip:" + name + "@127.0.0.1>;tag=" + TransactionLayer.newTag())
                .add(HeaderName.TO, "<" + requestUri + ">")
                .add(HeaderName.CALL_ID, UUID.randomUUID() + "@127.0.0.1")
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.CONTACT, "<" + uri() + ">")
                .body(MediaType.APPLICATION_SDP, SDP)
                .build();
        io.siplane.sip.transport.Destination to = io.siplane.sip.transport.Destination.of(TransportType.UDP, via);
        outgoing = (InviteClientTransaction) stack.sendRequest(invite, to, new ClientTransactionUser() {
            @Override
            public void onProvisional(ClientTransaction tx, SipResponse response) {}

            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                if (response.isSuccess()) {
                    DialogState d = Dialogs.createUac(tx.request(), response);
                    dialog = d;
                    stack.sendAck(Dialogs.ackFor2xx(d, 1).build(), to);
                }
                done.complete(response);
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                done.completeExceptionally(new IllegalStateException("INVITE timed out"));
            }

            @Override
            public void onTransportError(ClientTransaction tx, Exception cause) {
                done.completeExceptionally(cause);
            }
        });
        return done;
    }

    /** CANCELs the outgoing INVITE (RFC 3261 §9.1). */
    public void cancel(InetSocketAddress via) {
        stack.transactions().sendRequest(outgoing.createCancel(), Destination.of("UDP", via), new Ignore());
    }

    /** Hangs up the established call, sending the BYE to {@code via}; completes with the BYE's final response. */
    public CompletableFuture<SipResponse> bye(InetSocketAddress via) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        DialogRequest bye = Dialogs.newRequest(dialog, SipMethod.BYE);
        dialog = bye.state();
        stack.sendRequest(
                bye.request().build(), io.siplane.sip.transport.Destination.of(TransportType.UDP, via), new Ignore() {
                    @Override
                    public void onFinal(ClientTransaction tx, SipResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onTimeout(ClientTransaction tx) {
                        done.completeExceptionally(new IllegalStateException("BYE timed out"));
                    }
                });
        return done;
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        if (request.method() == SipMethod.INVITE) {
            invites.incrementAndGet();
            lastInvite = request;
            String tag = TransactionLayer.newTag();
            switch (answer) {
                case BUSY -> tx.sendResponse(SipResponse.forRequest(request, StatusCodes.BUSY_HERE)
                        .toTag(tag)
                        .build());
                case RING_ONLY -> tx.sendResponse(ringing(request, tag));
                case RING_THEN_OK -> {
                    tx.sendResponse(ringing(request, tag));
                    SipResponse ok = SipResponse.forRequest(request, StatusCodes.OK)
                            .toTag(tag)
                            .add(HeaderName.CONTACT, "<" + uri() + ">")
                            .body(MediaType.APPLICATION_SDP, SDP)
                            .build();
                    dialog = Dialogs.createUas(request, tag, false).applySentResponse(ok);
                    tx.sendResponse(ok);
                }
            }
        } else if (request.method() == SipMethod.BYE) {
            byes.incrementAndGet();
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK).build());
        } else {
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.NOT_IMPLEMENTED)
                    .toTag(TransactionLayer.newTag())
                    .build());
        }
    }

    private SipResponse ringing(SipRequest request, String tag) {
        return SipResponse.forRequest(request, StatusCodes.RINGING)
                .toTag(tag)
                .add(HeaderName.CONTACT, "<" + uri() + ">")
                .build();
    }

    @Override
    public void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction) {
        acks.incrementAndGet();
    }

    @Override
    public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
        invite.sendResponse(SipResponse.forRequest(invite.request(), StatusCodes.REQUEST_TERMINATED)
                .toTag(TransactionLayer.newTag())
                .build());
    }

    @Override
    public void onTimeout(ServerTransaction transaction) {}

    @Override
    public void onTransportError(ServerTransaction transaction, Exception cause) {}

    @Override
    public void close() {
        stack.close();
    }

    private static class Ignore implements ClientTransactionUser {
        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {}

        @Override
        public void onFinal(ClientTransaction tx, SipResponse response) {}

        @Override
        public void onTimeout(ClientTransaction tx) {}

        @Override
        public void onTransportError(ClientTransaction tx, Exception cause) {}
    }
}
