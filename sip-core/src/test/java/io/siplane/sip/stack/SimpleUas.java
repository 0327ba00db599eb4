package io.siplane.sip.stack;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.MediaType;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.transaction.Destination;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TransactionLayer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A user agent server built from the stack: answers INVITE with 180 then 200 (with SDP), BYE with 200. */
final class SimpleUas implements ServerTransactionUser {
    static final byte[] SDP = ("v=0\r\n"
                    + "o=uas 1 1 IN IP4 127.0.0.1\r\n"
                    + "s=-\r\n"
                    + "c=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\n"
                    + "m=audio 6000 RTP/AVP 0\r\n"
                    + "a=rtpmap:0 PCMU/8000\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    final AtomicInteger invites = new AtomicInteger();
    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger byes = new AtomicInteger();
    private final Supplier<String> contact;

    /** @param contact our Contact URI, known once the transport has bound its port */
    SimpleUas(Supplier<String> contact) {
        this.contact = contact;
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        SipMethod m = request.method();
        if (m == SipMethod.INVITE) {
            invites.incrementAndGet();
            String tag = TransactionLayer.newTag();
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.RINGING)
                    .toTag(tag)
                    .add(HeaderName.CONTACT, "<" + contact.get() + ">")
                    .build());
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK)
                    .toTag(tag)
                    .add(HeaderName.CONTACT, "<" + contact.get() + ">")
                    .body(MediaType.APPLICATION_SDP, SDP)
                    .build());
        } else if (m == SipMethod.BYE) {
            byes.incrementAndGet();
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK).build());
        } else if (m == SipMethod.OPTIONS) {
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK)
                    .toTag(TransactionLayer.newTag())
                    .build());
        } else {
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.NOT_IMPLEMENTED)
                    .toTag(TransactionLayer.newTag())
                    .build());
        }
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
}
