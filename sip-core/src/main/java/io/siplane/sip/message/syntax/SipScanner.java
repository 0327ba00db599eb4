package io.siplane.sip.message.syntax;

/**
 * A cursor over one (already unfolded) header value, with the lexical rules of RFC 3261 §25.1. Methods throw
 * {@link SipParseException} on a grammar violation; callers higher up turn that into a graded parse error.
 */
public final class SipScanner {
    private final String s;
    private int pos;
    private final int end;

    public SipScanner(String s) {
        this(s, 0, s.length());
    }

    public SipScanner(String s, int from, int to) {
        this.s = s;
        this.pos = from;
        this.end = to;
    }

    public String source() {
        return s;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        pos = p;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The next character, or -1 at the end. */
    public int peek() {
        return pos < end ? s.charAt(pos) : -1;
    }

    public char next() {
        if (pos >= end) throw error("unexpected end");
        return s.charAt(pos++);
    }

    /** Skips SP and HTAB (LWS after unfolding). */
    public SipScanner skipWhitespace() {
        while (pos < end && SipChars.isWhitespace(s.charAt(pos))) pos++;
        return this;
    }

    /** Consumes {@code c} (with optional whitespace around it, i.e. the SWS c SWS separators) if present. */
    public boolean skipSeparator(char c) {
        int save = pos;
        skipWhitespace();
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            skipWhitespace();
            return true;
        }
        pos = save;
        return false;
    }

    public void expect(char c) {
        if (pos >= end || s.charAt(pos) != c) throw error("expected '" + c + "'");
        pos++;
    }

    /** Reads 1*token-char. */
    public String token() {
        int start = pos;
        while (pos < end && SipChars.isToken(s.charAt(pos))) pos++;
        if (pos == start) throw error("expected a token");
        return CommonTokens.substring(s, start, pos);
    }

    /**
     * {@code s.substring(from, to)} for a token already delimited by the caller, as a shared constant when it is
     * one of the usual ones ({@code branch}, {@code tag}, {@code UDP}…), as {@link #token()} returns them.
     */
    public static String tokenText(String s, int from, int to) {
        return CommonTokens.substring(s, from, to);
    }

    /** Reads 1*DIGIT as a long, rejecting values beyond {@code max}. */
    public long number(long max) {
        int start = pos;
        long v = 0;
        while (pos < end && SipChars.isDigit(s.charAt(pos))) {
            v = v * 10 + (s.charAt(pos) - '0');
            if (v > max) throw error("number out of range");
            pos++;
        }
        if (pos == start) throw error("expected digits");
        return v;
    }

    /** Reads a quoted-string and returns it as written, quotes included. */
    public String quotedString() {
        int start = pos;
        expect('"');
        while (true) {
            if (pos >= end) throw error("unterminated quoted string");
            char c = s.charAt(pos++);
            if (c == '"') return s.substring(start, pos);
            if (c == '\\') {
                if (pos >= end) throw error("unterminated quoted-pair");
                pos++;
            }
        }
    }

    /** Reads characters up to (not including) the first of {@code stops}, or the end. */
    public String until(String stops) {
        int start = pos;
        while (pos < end && stops.indexOf(s.charAt(pos)) < 0) pos++;
        return s.substring(start, pos);
    }

    /** Reads a host: an IPv6 reference in brackets, or a hostname / IPv4 address. */
    public String host() {
        int start = pos;
        if (peek() == '[') {
            int close = s.indexOf(']', pos);
            if (close < 0 || close >= end) throw error("unterminated IPv6 reference");
            for (int i = pos + 1; i < close; i++) {
                char c = s.charAt(i);
                if (!SipChars.isHexDigit(c) && c != ':' && c != '.') throw error("bad IPv6 reference");
            }
            pos = close + 1;
            return s.substring(start, pos);
        }
        while (pos < end) {
            char c = s.charAt(pos);
            if (SipChars.isAlpha(c) || SipChars.isDigit(c) || c == '-' || c == '.' || c == '_') pos++;
            else break;
        }
        if (pos == start) throw error("expected a host");
        return s.substring(start, pos);
    }

    /**
     * Reads {@code *( SEMI generic-param )} where {@code generic-param = token [ EQUAL gen-value ]} and
     * {@code gen-value = token / host / quoted-string} (RFC 3261 §25.1).
     */
    public Parameters genericParams() {
        Parameters.Builder b = null;
        while (skipSeparator(';')) {
            String name = token();
            String value = null;
            if (skipSeparator('=')) {
                int c = peek();
                if (c == '"') value = quotedString();
                else if (c == '[') value = host();
                else value = genValue();
            }
            if (b == null) b = new Parameters.Builder();
            b.add(name, value);
        }
        return b == null ? Parameters.EMPTY : b.build();
    }

    /** A token or an unbracketed host (RFC 5118 §4.5: {@code received=2001:db8::9:255}). */
    private String genValue() {
        int start = pos;
        while (pos < end && (SipChars.isToken(s.charAt(pos)) || s.charAt(pos) == ':')) pos++;
        if (pos == start) throw error("expected a parameter value");
        return s.substring(start, pos);
    }

    public SipParseException error(String what) {
        return new SipParseException(what + " at " + pos + " in \"" + abbreviate() + "\"");
    }

    private String abbreviate() {
        String v = s.substring(0, Math.min(s.length(), 120));
        return v.length() < s.length() ? v + "…" : v;
    }
}
