package io.siplane.sip.dialog;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;

/**
 * The RFC 3261 §24.2 call between Alice and Bob, built with the message builders (the parser is written
 * elsewhere). {@code recordRoutes} adds the Record-Route values of record-routing proxies, as the request
 * reaches Bob, top first.
 */
final class Rfc3261Calls {
    static final String CALL_ID = "a84b4c76e66710";
    static final String ALICE_TAG = "1928301774";
    static final String BOB_TAG = "a6c85cf";
    static final long INVITE_CSEQ = 314159;
    static final String ALICE_CONTACT = "sip:alice@pc33.atlanta.com";
    static final String BOB_CONTACT = "sip:bob@192.0.2.4";

    private Rfc3261Calls() {}

    /** F1 as Bob receives it, with the given Record-Route values. */
    static SipRequest invite(String... recordRoutes) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:bob@biloxi.com"))
                .add(HeaderName.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8")
                .add(HeaderName.MAX_FORWARDS, "70");
        for (String rr : recordRoutes) b.add(HeaderName.RECORD_ROUTE, rr);
        return b.add(HeaderName.TO, "Bob <sip:bob@biloxi.com>")
                .add(HeaderName.FROM, "Alice <sip:alice@atlanta.com>;tag=" + ALICE_TAG)
                .add(HeaderName.CALL_ID, CALL_ID)
                .add(HeaderName.CSEQ, INVITE_CSEQ + " INVITE")
                .add(HeaderName.CONTACT, "<" + ALICE_CONTACT + ">")
                .build();
    }

    /** F9/F11: Bob's 200 OK, echoing the Record-Route values (§12.1.1). */
    static SipResponse ok(SipRequest invite) {
        return response(invite, 200, BOB_CONTACT);
    }

    /** F8: Bob's 180 Ringing with To tag. */
    static SipResponse ringing(SipRequest invite) {
        return response(invite, 180, BOB_CONTACT);
    }

    static SipResponse response(SipRequest request, int status, String contact) {
        SipResponse.Builder b = SipResponse.forRequest(request, status).toTag(BOB_TAG);
        for (String rr : request.headerValues(HeaderName.RECORD_ROUTE)) b.add(HeaderName.RECORD_ROUTE, rr);
        if (contact != null) b.add(HeaderName.CONTACT, "<" + contact + ">");
        return b.build();
    }

    /** A request from Alice to Bob within the dialog (Alice's From tag, Bob's To tag), as Bob receives it. */
    static SipRequest fromAlice(SipMethod method, long cseq) {
        return SipRequest.builder(method, SipUri.parse(BOB_CONTACT))
                .add(HeaderName.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds" + cseq)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.TO, "Bob <sip:bob@biloxi.com>;tag=" + BOB_TAG)
                .add(HeaderName.FROM, "Alice <sip:alice@atlanta.com>;tag=" + ALICE_TAG)
                .add(HeaderName.CALL_ID, CALL_ID)
                .add(HeaderName.CSEQ, cseq + " " + method)
                .build();
    }

    /** A request from Bob to Alice within the dialog, as Alice receives it. */
    static SipRequest fromBob(SipMethod method, long cseq) {
        return SipRequest.builder(method, SipUri.parse(ALICE_CONTACT))
                .add(HeaderName.VIA, "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds" + cseq)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "Bob <sip:bob@biloxi.com>;tag=" + BOB_TAG)
                .add(HeaderName.TO, "Alice <sip:alice@atlanta.com>;tag=" + ALICE_TAG)
                .add(HeaderName.CALL_ID, CALL_ID)
                .add(HeaderName.CSEQ, cseq + " " + method)
                .build();
    }

    /** Alice's confirmed dialog after F11 with the given Record-Route values on the INVITE. */
    static DialogState aliceConfirmed(String... recordRoutes) {
        SipRequest invite = invite(recordRoutes);
        return Dialogs.createUac(invite, ok(invite));
    }

    /** Bob's confirmed dialog after sending F9 with the given Record-Route values on the INVITE. */
    static DialogState bobConfirmed(String... recordRoutes) {
        SipRequest invite = invite(recordRoutes);
        return Dialogs.createUas(invite, BOB_TAG, false).applySentResponse(ok(invite));
    }
}
