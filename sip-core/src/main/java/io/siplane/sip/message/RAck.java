package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code RAck = "RAck" HCOLON response-num LWS CSeq-num LWS Method} (RFC 3262 §7.2): the RSeq of the
 * reliable provisional response a PRACK acknowledges, and the CSeq of the request it answered.
 */
public record RAck(long rseq, long cseqNumber, SipMethod method) {

    public RAck {
        Objects.requireNonNull(method, "method");
        // RFC 3262 §3: RSeq, like CSeq (RFC 3261 §8.1.1.5), stays below 2**31.
        if (rseq < 0 || rseq > CSeq.MAX_NUMBER) throw new IllegalArgumentException("RSeq out of range: " + rseq);
        if (cseqNumber < 0 || cseqNumber > CSeq.MAX_NUMBER)
            throw new IllegalArgumentException("CSeq out of range: " + cseqNumber);
    }

    /** The RAck that acknowledges a reliable provisional response with {@code rseq} sent for {@code cseq}. */
    public static RAck of(long rseq, CSeq cseq) {
        return new RAck(rseq, cseq.number(), cseq.method());
    }

    /** @throws SipParseException when the value is malformed or a number is out of range */
    public static RAck parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        long rseq = sc.number(CSeq.MAX_NUMBER);
        requireWhitespace(sc);
        long cseq = sc.number(CSeq.MAX_NUMBER);
        requireWhitespace(sc);
        SipMethod m;
        try {
            m = SipMethod.valueOf(sc.token());
        } catch (IllegalArgumentException e) {
            throw sc.error("bad RAck method");
        }
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in RAck");
        return new RAck(rseq, cseq, m);
    }

    private static void requireWhitespace(SipScanner sc) {
        int before = sc.position();
        sc.skipWhitespace();
        if (sc.position() == before) throw sc.error("expected whitespace in RAck");
    }

    /** The CSeq part as a {@link CSeq}. */
    public CSeq cseq() {
        return new CSeq(cseqNumber, method);
    }

    @Override
    public String toString() {
        return rseq + " " + cseqNumber + " " + method;
    }
}
