package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipChars;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One header line: a name and its value.
 *
 * <p>A field read off the wire keeps a reference to the received bytes: it serialises byte-exact (name
 * spelling, compact form, line folding and unknown content all as received, so a proxy forwards what it
 * does not understand unchanged) and decodes its value only when asked. A field built in code serialises as
 * {@code Name: value}.
 */
public final class HeaderField {
    private final HeaderName name;
    private final byte[] src;
    private final int lineStart;
    private final int valueStart;
    private final int lineEnd;
    /** False only when the source is known to hold no CR or LF in the value: decode() can skip its scan. */
    private final boolean mayHoldLineBreaks;

    private String value;

    private HeaderField(
            HeaderName name,
            String value,
            byte[] src,
            int lineStart,
            int valueStart,
            int lineEnd,
            boolean mayHoldLineBreaks) {
        this.name = name;
        this.value = value;
        this.src = src;
        this.lineStart = lineStart;
        this.valueStart = valueStart;
        this.lineEnd = lineEnd;
        this.mayHoldLineBreaks = mayHoldLineBreaks;
    }

    /** A field built in code. The name must be a token and the value must not contain CR or LF. */
    public static HeaderField of(HeaderName name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        // RFC 3261 §25.1 header-name = token: anything else could inject lines, and encode() writes names as ASCII
        if (!SipChars.isToken(name.name())) throw new IllegalArgumentException("header name is not a token: " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') throw new IllegalArgumentException("header value with line break: " + name);
        }
        return new HeaderField(name, value, null, 0, 0, 0, false);
    }

    public static HeaderField of(String name, String value) {
        return of(HeaderName.of(name), value);
    }

    /**
     * A field as received: the line spans {@code [lineStart, lineEnd)} of {@code src} (without its final line
     * break, including folded continuation lines), the value starts at {@code valueStart} and runs to
     * {@code lineEnd} with trailing whitespace already excluded by the caller. For parsers.
     */
    public static HeaderField fromWire(HeaderName name, byte[] src, int lineStart, int valueStart, int lineEnd) {
        return new HeaderField(name, null, src, lineStart, valueStart, lineEnd, true);
    }

    /**
     * As {@link #fromWire(HeaderName, byte[], int, int, int)}, for a parser that already knows whether the
     * value bytes may contain CR or LF (a fold or a bare CR): with {@code mayHoldLineBreaks == false} the value
     * is decoded without scanning for folds again. Passing {@code true} is always safe.
     */
    public static HeaderField fromWire(
            HeaderName name, byte[] src, int lineStart, int valueStart, int lineEnd, boolean mayHoldLineBreaks) {
        return new HeaderField(name, null, src, lineStart, valueStart, lineEnd, mayHoldLineBreaks);
    }

    public HeaderName name() {
        return name;
    }

    /** The value with line folding replaced by a single space (RFC 3261 §7.3.1) and outer whitespace removed. */
    public String value() {
        String v = value;
        if (v == null) value = v = decode();
        return v;
    }

    private String decode() {
        boolean folded = false;
        for (int i = mayHoldLineBreaks ? valueStart : lineEnd; i < lineEnd; i++) {
            if (src[i] == '\n' || src[i] == '\r') {
                folded = true;
                break;
            }
        }
        if (!folded) return new String(src, valueStart, lineEnd - valueStart, StandardCharsets.UTF_8);
        // LWS = [*WSP CRLF] 1*WSP: each fold, with the whitespace around it, is one SP.
        byte[] out = new byte[lineEnd - valueStart];
        int n = 0;
        for (int i = valueStart; i < lineEnd; i++) {
            byte b = src[i];
            if (b == '\r' || b == '\n') {
                while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t')) n--;
                while (i + 1 < lineEnd
                        && (src[i + 1] == '\r' || src[i + 1] == '\n' || src[i + 1] == ' ' || src[i + 1] == '\t')) i++;
                out[n++] = ' ';
            } else {
                out[n++] = b;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** True when this field still carries its received bytes. */
    public boolean isFromWire() {
        return src != null;
    }

    /** Bytes this field takes on the wire, without the final CRLF. */
    int encodedLength() {
        if (src != null) return lineEnd - lineStart;
        return name.name().length() + 2 + utf8Length(value);
    }

    /** Writes the line, without the final CRLF, at {@code pos}; returns the position after it. */
    int encode(byte[] dst, int pos) {
        if (src != null) {
            System.arraycopy(src, lineStart, dst, pos, lineEnd - lineStart);
            return pos + lineEnd - lineStart;
        }
        pos = ascii(name.name(), dst, pos);
        dst[pos++] = ':';
        dst[pos++] = ' ';
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(v, 0, dst, pos, v.length);
        return pos + v.length;
    }

    static int ascii(String s, byte[] dst, int pos) {
        for (int i = 0; i < s.length(); i++) dst[pos++] = (byte) s.charAt(i);
        return pos;
    }

    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && f.name.equals(name) && f.value().equals(value());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + value().hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }
}
