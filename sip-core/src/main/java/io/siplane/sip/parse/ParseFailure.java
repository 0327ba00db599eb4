package io.siplane.sip.parse;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import java.util.List;
import java.util.Optional;

/**
 * A message that failed to parse: the cause, what was understood of it, and what to do about it.
 *
 * @param error the cause
 * @param detail a human-readable explanation for logs (never includes the whole message)
 * @param request true when the start line identified a request, false for a response or an unknown start
 * @param method the request method when known (so ACK can be told from the rest), else null
 * @param headers the header fields read before the failure, as received
 * @param framingIntact true when the end of the message is known, so a stream can go on with the next one;
 *     false when the stream must be closed (RFC 4475 §3.1.2.3: a broken Content-Length loses the framing)
 * @param consumed bytes the message took when {@code framingIntact}, else -1
 */
public record ParseFailure(
        ParseError error,
        String detail,
        boolean request,
        SipMethod method,
        List<HeaderField> headers,
        boolean framingIntact,
        int consumed) {

    /** The status to answer with, or 0 when the message is to be dropped silently. */
    public int responseStatus() {
        if (!request || method == SipMethod.ACK) return 0; // never answer an ACK or a response (§17.2.3, §16.7)
        if (error == ParseError.CSEQ_METHOD_MISMATCH && method != null && !method.isStandard())
            return StatusCodes.NOT_IMPLEMENTED; // RFC 4475 §3.1.2.18 prefers 501 for an unknown method
        return error.requestStatus();
    }

    /**
     * A stateless error response per RFC 3261 §8.2.6: Via, From, To, Call-ID and CSeq copied as received, a
     * To tag added when missing, and the standard reason phrase. Empty when the message
     * is to be dropped or no Via was read to route the answer.
     */
    public Optional<SipResponse> errorResponse() {
        int status = responseStatus();
        if (status == 0) return Optional.empty();
        SipResponse.Builder b = SipResponse.builder(status);
        boolean via = false;
        String toValue = null;
        for (HeaderField f : headers) {
            HeaderName n = f.name();
            if (n == HeaderName.VIA) via = true;
            if (n == HeaderName.TO && toValue == null) {
                toValue = f.value();
                continue;
            }
            if (n == HeaderName.VIA || n == HeaderName.FROM || n == HeaderName.CALL_ID || n == HeaderName.CSEQ)
                b.add(f);
        }
        if (!via) return Optional.empty();
        if (toValue != null) {
            // §8.2.6.2: a response that is not 100 carries a To tag; the To may be the broken header, so add the
            // tag textually rather than through the typed parser. Deterministic, so retransmissions match.
            boolean hasTag = toValue.toLowerCase(java.util.Locale.ROOT).contains(";tag=");
            b.add(HeaderName.TO, hasTag ? toValue : toValue + ";tag=" + Integer.toHexString(toValue.hashCode() | 1));
        }
        return Optional.of(b.build());
    }
}
