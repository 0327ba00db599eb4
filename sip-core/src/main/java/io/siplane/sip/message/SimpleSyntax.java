package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipScanner;

/**
 * One-pass readers for the forms that nearly every message uses, with no LWS inside: the parsed value is built
 * while it is checked, and only the Strings the result keeps are created. Each reader accepts a strict subset
 * of what the general {@link SipScanner}-based parser accepts and builds the same object; for anything else it
 * returns {@code null} and the caller takes the general path, which also produces the error for bad input. So
 * the grammar the message types enforce is the general path's, unchanged.
 */
final class SimpleSyntax {
    /** Returned by {@link #params} when the text is not in the simple form. */
    static final Parameters NOT_SIMPLE = Parameters.of("", null);

    private SimpleSyntax() {}

    /**
     * {@code *( ";" token [ "=" ( token / host-without-brackets ) ] )} from {@code from} to the end of
     * {@code v}, i.e. RFC 3261 §25.1 {@code generic-param} without LWS around SEMI and EQUAL, and without
     * quoted-string or IPv6-reference values; {@link #NOT_SIMPLE} when the text is anything else.
     */
    static Parameters params(String v, int from) {
        int n = v.length();
        if (from == n) return Parameters.EMPTY;
        Parameters.Builder b = new Parameters.Builder();
        int i = from;
        while (i < n) {
            if (v.charAt(i) != ';') return NOT_SIMPLE;
            int ns = ++i;
            while (i < n && SipChars.isToken(v.charAt(i))) i++;
            if (i == ns) return NOT_SIMPLE;
            String name = SipScanner.tokenText(v, ns, i);
            String value = null;
            if (i < n && v.charAt(i) == '=') {
                int vs = ++i;
                // gen-value = token / host: an unbracketed IPv6 received= value is read as the scanner does
                while (i < n && (SipChars.isToken(v.charAt(i)) || v.charAt(i) == ':')) i++;
                if (i == vs) return NOT_SIMPLE;
                value = v.substring(vs, i);
            }
            b.add(name, value);
        }
        return b.build();
    }

    /**
     * The text a parsed value keeps: a value the simple readers accepted has no whitespace at either end (it
     * starts with a letter or '<' and ends with a token character or '>'), so it is kept as it is.
     */
    static String text(String v) {
        return v;
    }

    /**
     * {@code "SIP/2.0/" transport SP host [ ":" port ] *( ";" generic-param )}, the usual via-parm (RFC 3261
     * §20.42, §25.1), with a hostname or IPv4 host; null for anything else.
     */
    static Via via(String v) {
        int n = v.length();
        if (!v.startsWith("SIP/2.0/")) return null;
        int i = 8;
        while (i < n && SipChars.isToken(v.charAt(i))) i++;
        if (i == 8 || i + 1 >= n || v.charAt(i) != ' ') return null;
        String transport = SipScanner.tokenText(v, 8, i);
        int hs = ++i;
        // hostname / IPv4address: alphanum, "-", "." (and "_", which the scanner tolerates)
        while (i < n && isHostChar(v.charAt(i))) i++;
        if (i == hs) return null;
        String host = v.substring(hs, i);
        int port = -1;
        if (i < n && v.charAt(i) == ':') {
            int ps = ++i;
            port = 0;
            while (i < n && SipChars.isDigit(v.charAt(i)) && i - ps < 5) port = port * 10 + v.charAt(i++) - '0';
            if (i == ps || port > 65535 || (i < n && SipChars.isDigit(v.charAt(i)))) return null;
        }
        Parameters params = params(v, i);
        if (params == NOT_SIMPLE) return null;
        return new Via(transport, host, port, params);
    }

    /**
     * {@code [ display-name-tokens ] "<" URI ">" *( ";" generic-param )} with an unquoted (or no) display name,
     * the usual From / To / Route element (RFC 3261 §20.10, §25.1); null for anything else. The URI is parsed
     * by {@link io.siplane.sip.message.uri.Uri#parse}, as on the general path, so it throws as that path would.
     */
    static NameAddress nameAddress(String v) {
        int n = v.length();
        if (n == 0 || SipChars.isWhitespace(v.charAt(0))) return null; // so that the text needs no strip()
        int i = 0;
        // display-name = *(token LWS): tokens and whitespace up to '<', nothing else
        while (i < n) {
            char c = v.charAt(i);
            if (c == '<') break;
            if (!SipChars.isToken(c) && !SipChars.isWhitespace(c)) return null;
            i++;
        }
        if (i == n) return null; // an addr-spec: the general path reads those
        int gt = v.indexOf('>', i + 1);
        if (gt < 0) return null;
        Parameters params = params(v, gt + 1);
        if (params == NOT_SIMPLE) return null;
        int de = i;
        while (de > 0 && SipChars.isWhitespace(v.charAt(de - 1))) de--; // LWS before '<' is not part of it
        String display = de == 0 ? null : v.substring(0, de);
        return new NameAddress(display, io.siplane.sip.message.uri.Uri.parse(v.substring(i + 1, gt)), params);
    }

    private static boolean isHostChar(char c) {
        return SipChars.isAlpha(c) || SipChars.isDigit(c) || c == '-' || c == '.' || c == '_';
    }
}
