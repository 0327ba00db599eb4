package io.siplane.sip.transaction;

import io.siplane.sip.message.CSeq;
import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;

/** The requests a transaction layer builds from another request: the ACK for 3xx–6xx, and CANCEL. */
public final class TransactionRequests {
    /** RFC 3261 §8.1.1.6: the Max-Forwards a request gets when the original had none (an RFC 2543 peer). */
    static final String DEFAULT_MAX_FORWARDS = "70";

    private TransactionRequests() {}

    /**
     * The ACK for a 3xx–6xx response to {@code invite} (RFC 3261 §17.1.1.3): the INVITE's Request-URI, Call-ID,
     * From and CSeq number with method ACK; a single Via equal to the INVITE's top Via (so the ACK has the INVITE's
     * branch); the To of the response (with its tag); the INVITE's Route set. No body.
     */
    public static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
        if (invite.method() != SipMethod.INVITE)
            throw new IllegalArgumentException("not an INVITE: " + invite.method());
        if (response.isSuccess() || response.isProvisional()) {
            throw new IllegalArgumentException("the transaction acknowledges 3xx-6xx only, not " + response.status());
        }
        return sameTransactionRequest(invite, SipMethod.ACK, response.header(HeaderName.TO));
    }

    /**
     * A CANCEL for {@code request} (RFC 3261 §9.1): the same Request-URI, Call-ID, To, From and CSeq number with
     * method CANCEL, a single Via equal to the request's top Via, and the request's Route set.
     */
    public static SipRequest cancel(SipRequest request) {
        if (request.method() == SipMethod.ACK || request.method() == SipMethod.CANCEL) {
            throw new IllegalArgumentException("cannot cancel " + request.method());
        }
        return sameTransactionRequest(request, SipMethod.CANCEL, request.header(HeaderName.TO));
    }

    private static SipRequest sameTransactionRequest(SipRequest original, SipMethod method, String to) {
        SipRequest.Builder b = SipRequest.builder(method, original.requestUri());
        b.add(HeaderName.VIA, original.topVia().toString());
        String maxForwards = original.header(HeaderName.MAX_FORWARDS);
        b.add(HeaderName.MAX_FORWARDS, maxForwards != null ? maxForwards : DEFAULT_MAX_FORWARDS);
        for (HeaderField f : original.headers()) {
            if (f.name() == HeaderName.ROUTE) b.add(f);
        }
        b.add(HeaderName.FROM, original.header(HeaderName.FROM));
        b.add(HeaderName.TO, to);
        b.add(HeaderName.CALL_ID, original.callId());
        b.add(HeaderName.CSEQ, new CSeq(original.cseq().number(), method).toString());
        return b.build();
    }
}
