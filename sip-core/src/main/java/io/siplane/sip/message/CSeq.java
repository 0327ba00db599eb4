package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/** {@code CSeq = 1*DIGIT LWS Method} (RFC 3261 §20.16); the number is below 2**31 (§8.1.1.5). */
public record CSeq(long number, SipMethod method) {
    /** RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and less than 2**31. */
    public static final long MAX_NUMBER = (1L << 31) - 1;

    public CSeq {
        Objects.requireNonNull(method, "method");
        if (number < 0 || number > MAX_NUMBER) throw new IllegalArgumentException("CSeq out of range: " + number);
    }

    /** @throws SipParseException when the value is malformed or out of range */
    public static CSeq parse(String value) {
        CSeq simple = parseSimple(value);
        return simple != null ? simple : parseGeneral(value);
    }

    /**
     * The usual form, {@code 1*DIGIT SP Method} with a standard method and nothing else, in one pass; null for
     * anything else, which {@link #parseGeneral} reads (and rejects) as before.
     */
    private static CSeq parseSimple(String v) {
        int n = v.length(), i = 0;
        long number = 0;
        while (i < n && i < 10 && SipChars.isDigit(v.charAt(i))) number = number * 10 + v.charAt(i++) - '0';
        if (i == 0 || i >= n || v.charAt(i) != ' ' || number > MAX_NUMBER) return null;
        SipMethod m = SipMethod.standard(v, i + 1);
        return m == null ? null : new CSeq(number, m);
    }

    private static CSeq parseGeneral(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        long n = sc.number(MAX_NUMBER);
        int before = sc.position();
        sc.skipWhitespace();
        if (sc.position() == before) throw sc.error("expected whitespace after CSeq number");
        SipMethod m;
        try {
            m = SipMethod.valueOf(sc.token());
        } catch (IllegalArgumentException e) {
            throw sc.error("bad CSeq method");
        }
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in CSeq");
        return new CSeq(n, m);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
