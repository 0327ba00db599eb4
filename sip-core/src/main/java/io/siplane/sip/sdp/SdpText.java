package io.siplane.sip.sdp;

import java.util.Objects;

/** Checks shared by the model's constructors, so that no value can break the line structure when written out. */
final class SdpText {
    private SdpText() {}

    /**
     * RFC 8866 §9 {@code text = byte-string}: any octet but NUL, CR and LF. A CR or LF in a value would let a caller
     * inject extra lines into relayed SDP, so the model refuses them.
     */
    static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(what + " contains CR, LF or NUL");
            }
        }
        return value;
    }

    /** {@link #text} for an optional line's value: {@code null} (no line) stays {@code null}. */
    static String textOrNull(String value, String what) {
        return value == null ? null : text(value, what);
    }

    /** A field between single spaces ({@code non-ws-string}, {@code token}): not empty, no whitespace. */
    static String token(String value, String what) {
        text(value, what);
        if (value.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') throw new IllegalArgumentException(what + " contains whitespace: " + value);
        }
        return value;
    }

    /** {@code 1*DIGIT}, kept as text because session ids and versions may exceed 64 bits. */
    static String digits(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isDigits(value)) throw new IllegalArgumentException(what + " is not 1*DIGIT: " + value);
        return value;
    }

    static boolean isDigits(String value) {
        if (value.isEmpty()) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
