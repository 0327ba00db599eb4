package io.siplane.sip.parse;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.Uri;
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
            b.add(HeaderName.TO, toWithTag(toValue));
        }
        return Optional.of(b.build());
    }

    /**
     * The To value with a tag. When the received To is itself broken (RFC 4475 §3.1.2.6, an unbalanced quote),
     * the answer carries just its URI, so the response is well-formed even if the request was not.
     */
    private static String toWithTag(String to) {
        String tag = Integer.toHexString(to.hashCode() | 1); // deterministic: retransmissions get the same tag
        try {
            NameAddress na = NameAddress.parse(to);
            return na.tag() != null ? to : na.withTag(tag).toString();
        } catch (SipParseException e) {
            int lt = to.lastIndexOf('<'), gt = to.lastIndexOf('>');
            String uri = lt >= 0 && gt > lt ? to.substring(lt + 1, gt).strip() : "sip:invalid.invalid";
            try {
                return NameAddress.of(Uri.parse(uri)).withTag(tag).toString();
            } catch (SipParseException e2) {
                return "<sip:invalid.invalid>;tag=" + tag;
            }
        }
    }
}
