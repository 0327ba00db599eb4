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
        RING_ONLY,
        /** 180 sent reliably (RFC 3262) when the INVITE supports 100rel; the 200 after its PRACK. */
        RELIABLE_RING_THEN_OK
    }

    /** An SDP with the given direction attribute (hold: sendonly, resume: sendrecv). */
    public static byte[] sdp(String direction) {
        return (new String(SDP, StandardCharsets.US_ASCII) + "a=" + direction + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public final AtomicInteger invites = new AtomicInteger();
    public final AtomicInteger byes = new AtomicInteger();
    public final AtomicInteger acks = new AtomicInteger();
    public final AtomicInteger cancels = new AtomicInteger();
    public volatile SipRequest lastInvite;
    /** Requests received within the dialog (re-INVITE, UPDATE, INFO, MESSAGE, PRACK...), last one per method. */
    public final java.util.Map<SipMethod, SipRequest> lastInDialog = new java.util.concurrent.ConcurrentHashMap<>();

    public final java.util.Map<SipMethod, AtomicInteger> inDialog = new java.util.concurrent.ConcurrentHashMap<>();
    /** ACKs for re-INVITE 2xx (CSeq other than the initial INVITE's). */
    public final AtomicInteger reAcks = new AtomicInteger();
    /** Responses to the PRACKs this phone sent. */
    public final AtomicInteger prackOks = new AtomicInteger();
    /** Provisional responses received on the outgoing INVITE. */
    public final java.util.List<SipResponse> provisionals = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Requests received outside any dialog other than INVITE (MESSAGE, OPTIONS), last one per method. */
    public final java.util.Map<SipMethod, SipRequest> lastOutOfDialog = new java.util.concurrent.ConcurrentHashMap<>();
    /** While true, re-INVITEs are left unanswered until {@link #answerHeldReinvite()}. */
    public volatile boolean holdReinvites;
    /** When set, the 200 to an INVITE carries this Session-Expires value (RFC 4028). */
    public volatile String sessionExpires;

    private volatile ServerTransaction heldReinvite;
    private volatile ServerTransaction pendingInvite;

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
        return call(requestUri, via, false);
    }

    /** As {@link #call(String, InetSocketAddress)}; with {@code rel100}, Supported: 100rel and PRACK of reliable 1xx. */
    public CompletableFuture<SipResponse> call(String requestUri, InetSocketAddress via, boolean rel100) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        SipRequest.Builder ib = SipRequest.builder(SipMethod.INVITE, SipUri.parse(requestUri));
        if (rel100) ib.add(HeaderName.SUPPORTED, "100rel");
        SipRequest invite = ib.add(HeaderName.MAX_FORWARDS, "70")
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
            public void onProvisional(ClientTransaction tx, SipResponse response) {
                provisionals.add(response);
                if (response.to().tag() == null) return;
                DialogState early = dialog != null
                                && dialog.remoteTag().equals(response.to().tag())
                        ? dialog.applyResponse(response)
                        : Dialogs.createUac(tx.request(), response);
                dialog = early;
                if (!response.optionTags(HeaderName.REQUIRE).contains("100rel")) return;
                DialogRequest prack = Dialogs.newRequest(early, SipMethod.PRACK);
                dialog = prack.state();
                SipRequest p = prack.request()
                        .add(HeaderName.RACK, response.numericHeader(HeaderName.RSEQ) + " " + response.cseq())
                        .build();
                stack.sendRequest(p, to, new Ignore() {
                    @Override
                    public void onFinal(ClientTransaction t, SipResponse r) {
                        if (r.isSuccess()) prackOks.incrementAndGet();
                    }
                });
            }

            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                if (response.isSuccess()) {
                    DialogState d = dialog != null
                                    && dialog.remoteTag().equals(response.to().tag())
                            ? dialog.applyResponse(response)
                            : Dialogs.createUac(tx.request(), response);
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

    /**
     * Sends a request within the established call to {@code via} (re-INVITE, UPDATE, INFO, MESSAGE); ACKs a 2xx to a
     * re-INVITE. Completes with the final response.
     */
    public CompletableFuture<SipResponse> inDialog(SipMethod method, byte[] body, InetSocketAddress via) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        DialogRequest r = Dialogs.newRequest(dialog, method);
        dialog = r.state();
        SipRequest.Builder b = r.request();
        if (Dialogs.isTargetRefresh(method)) b.add(HeaderName.CONTACT, "<" + uri() + ">");
        if (body != null)
            b.body(
                    method == SipMethod.INVITE || method == SipMethod.UPDATE
                            ? MediaType.APPLICATION_SDP
                            : MediaType.parse("text/plain"),
                    body);
        SipRequest request = b.build();
        io.siplane.sip.transport.Destination to = io.siplane.sip.transport.Destination.of(TransportType.UDP, via);
        stack.sendRequest(request, to, new Ignore() {
            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                if (method == SipMethod.INVITE && response.isSuccess())
                    stack.sendAck(
                            Dialogs.ackFor2xx(dialog, request.cseq().number()).build(), to);
                done.complete(response);
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                done.completeExceptionally(new IllegalStateException(method + " timed out"));
            }
        });
        return done;
    }

    /** Sends a request outside any dialog (MESSAGE, OPTIONS) to {@code requestUri} through {@code via}. */
    public CompletableFuture<SipResponse> send(
            SipMethod method, String requestUri, byte[] body, InetSocketAddress via) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        SipRequest.Builder b = SipRequest.builder(method, SipUri.parse(requestUri))
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "\"" + name + "\" <sip:" + name + "@127.0.0.1>;tag=" + TransactionLayer.newTag())
                .add(HeaderName.TO, "<" + requestUri + ">")
                .add(HeaderName.CALL_ID, UUID.randomUUID() + "@127.0.0.1")
                .add(HeaderName.CSEQ, "1 " + method.name());
        if (body != null) b.body(MediaType.TEXT_PLAIN, body);
        stack.sendRequest(b.build(), io.siplane.sip.transport.Destination.of(TransportType.UDP, via), new Ignore() {
            @Override
            public void onFinal(ClientTransaction tx, SipResponse response) {
                done.complete(response);
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                done.completeExceptionally(new IllegalStateException(method + " timed out"));
            }
        });
        return done;
    }

    /** Answers the re-INVITE held back while {@link #holdReinvites} was set: 200 with an SDP answer. */
    public void answerHeldReinvite() {
        ServerTransaction tx = heldReinvite;
        heldReinvite = null;
        tx.sendResponse(inDialogOk(tx.request()));
    }

    public int inDialogCount(SipMethod method) {
        AtomicInteger n = inDialog.get(method);
        return n == null ? 0 : n.get();
    }

    private SipResponse inDialogOk(SipRequest request) {
        SipResponse.Builder b = SipResponse.forRequest(request, StatusCodes.OK);
        if (Dialogs.isTargetRefresh(request.method())) {
            b.add(HeaderName.CONTACT, "<" + uri() + ">");
            if (request.bodyLength() > 0) b.body(MediaType.APPLICATION_SDP, sdp("recvonly"));
            if (sessionExpires != null) b.add(HeaderName.SESSION_EXPIRES, sessionExpires);
        }
        return b.build();
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        if (request.to().tag() != null && request.method() != SipMethod.BYE) {
            lastInDialog.put(request.method(), request);
            inDialog.computeIfAbsent(request.method(), m -> new AtomicInteger()).incrementAndGet();
            if (request.method() == SipMethod.INVITE && holdReinvites) {
                heldReinvite = tx;
                return;
            }
            tx.sendResponse(inDialogOk(request));
            if (request.method() == SipMethod.PRACK && pendingInvite != null) {
                ServerTransaction invite = pendingInvite;
                pendingInvite = null;
                SipResponse ok = SipResponse.forRequest(invite.request(), StatusCodes.OK)
                        .toTag(dialog.localTag())
                        .add(HeaderName.CONTACT, "<" + uri() + ">")
                        .body(MediaType.APPLICATION_SDP, SDP)
                        .build();
                dialog = dialog.applySentResponse(ok);
                invite.sendResponse(ok);
            }
            return;
        }
        if (request.method() == SipMethod.INVITE) {
            invites.incrementAndGet();
            lastInvite = request;
            String tag = TransactionLayer.newTag();
            switch (answer) {
                case BUSY -> tx.sendResponse(SipResponse.forRequest(request, StatusCodes.BUSY_HERE)
                        .toTag(tag)
                        .build());
                case RING_ONLY -> tx.sendResponse(ringing(request, tag));
                case RELIABLE_RING_THEN_OK -> {
                    dialog = Dialogs.createUas(request, tag, false);
                    pendingInvite = tx;
                    tx.sendResponse(SipResponse.forRequest(request, StatusCodes.RINGING)
                            .toTag(tag)
                            .add(HeaderName.CONTACT, "<" + uri() + ">")
                            .add(HeaderName.REQUIRE, "100rel")
                            .add(HeaderName.RSEQ, "1")
                            .build());
                }
                case RING_THEN_OK -> {
                    tx.sendResponse(ringing(request, tag));
                    SipResponse.Builder okb = SipResponse.forRequest(request, StatusCodes.OK)
                            .toTag(tag)
                            .add(HeaderName.CONTACT, "<" + uri() + ">")
                            .body(MediaType.APPLICATION_SDP, SDP);
                    if (sessionExpires != null) okb.add(HeaderName.SESSION_EXPIRES, sessionExpires);
                    SipResponse ok = okb.build();
                    dialog = Dialogs.createUas(request, tag, false).applySentResponse(ok);
                    tx.sendResponse(ok);
                }
            }
        } else if (request.method() == SipMethod.MESSAGE || request.method() == SipMethod.OPTIONS) {
            lastOutOfDialog.put(request.method(), request);
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK)
                    .toTag(TransactionLayer.newTag())
                    .add(HeaderName.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE")
                    .build());
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
        if (dialog != null && ack.cseq().number() != dialog.initialCseq()) {
            reAcks.incrementAndGet();
            return;
        }
        acks.incrementAndGet();
    }

    @Override
    public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
        cancels.incrementAndGet();
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
