package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;

/** {@code delta-seconds = 1*DIGIT} (RFC 3261 §25.1) with saturation instead of overflow. */
final class DeltaSeconds {
    /** RFC 3261 §25.1 via §20.19: values above 2**32-1 are to be treated as 2**32-1; we cap at int range. */
    static final long MAX = Integer.MAX_VALUE;

    private DeltaSeconds() {}

    static long parseSaturating(String v) {
        String s = v.strip();
        if (s.isEmpty()) throw new SipParseException("empty number");
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new SipParseException("not a number: " + v);
            if (n < MAX) n = Math.min(MAX, n * 10 + (c - '0'));
        }
        return n;
    }

    /** Reads {@code 1*DIGIT} at the scanner's position, saturating at {@link #MAX}. */
    static long read(SipScanner sc) {
        int start = sc.position();
        long n = 0;
        while (SipChars.isDigit(sc.peek())) {
            int d = sc.next() - '0';
            if (n < MAX) n = Math.min(MAX, n * 10 + d);
        }
        if (sc.position() == start) throw sc.error("expected delta-seconds");
        return n;
    }
}
