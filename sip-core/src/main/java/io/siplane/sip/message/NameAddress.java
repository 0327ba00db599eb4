package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.Quoting;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ( name-addr / addr-spec ) *( SEMI generic-param )}: the value of From, To, Contact, Route,
 * Record-Route, Path, Refer-To, Referred-By, Reply-To (RFC 3261 §20, §25.1). Parameters after the URI belong to
 * the header (tag, q, expires, +sip.instance, reg-id…), not to the URI (§20.10).
 */
public final class NameAddress {
    private final String displayName;
    private final Uri uri;
    private final Parameters params;
    private String text;

    /**
     * @param displayName as written: a quoted-string with its quotes, a sequence of tokens, or null
     */
    public NameAddress(String displayName, Uri uri, Parameters params) {
        this.displayName = displayName == null || displayName.isEmpty() ? null : displayName;
        this.uri = Objects.requireNonNull(uri, "uri");
        this.params = params;
    }

    public static NameAddress of(Uri uri) {
        return new NameAddress(null, uri, Parameters.EMPTY);
    }

    /**
     * Parses one element.
     *
     * @throws SipParseException when it does not follow the grammar
     */
    public static NameAddress parse(String value) {
        NameAddress na = SimpleSyntax.nameAddress(value); // the usual form, in one pass; null: anything else
        if (na != null) {
            na.text = SimpleSyntax.text(value);
            return na;
        }
        na = parseGeneral(value);
        na.text = value.strip();
        return na;
    }

    /** The general path, for every form; package-private so tests can compare it with {@link SimpleSyntax}. */
    static NameAddress parseGeneral(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String display = null;
        Uri uri;
        int c = sc.peek();
        if (c == '"') {
            display = sc.quotedString();
            sc.skipWhitespace();
            uri = bracketedUri(sc);
        } else if (c == '<') {
            uri = bracketedUri(sc);
        } else if (hasBracketAhead(value, sc.position())) {
            // display-name = *(token LWS): RFC 4475 §3.1.1.6 asks to accept it without LWS before '<' too.
            int start = sc.position();
            while (sc.peek() != '<') {
                int ch = sc.next();
                if (!SipChars.isToken(ch) && !SipChars.isWhitespace(ch))
                    throw sc.error("unquoted display name with a non-token character");
            }
            display = value.substring(start, sc.position()).strip();
            uri = bracketedUri(sc);
        } else {
            // addr-spec: RFC 3261 §20.10 — a URI with ',', ';' or '?' must be in name-addr form, so the URI ends
            // at the first ';' and what follows are header parameters.
            String u = sc.until("; \t");
            uri = Uri.parse(u);
            if (uri instanceof SipUri s && s.headers() != null)
                throw sc.error("URI with headers outside angle brackets");
        }
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character after address");
        return new NameAddress(display, uri, params);
    }

    private static boolean hasBracketAhead(String value, int from) {
        int lt = value.indexOf('<', from);
        if (lt < 0) return false;
        int semi = value.indexOf(';', from);
        int colon = value.indexOf(':', from);
        // "sip:a@b;x=<..." is an addr-spec; a display name has no ':' before '<'
        return (semi < 0 || semi > lt) && (colon < 0 || colon > lt);
    }

    private static Uri bracketedUri(SipScanner sc) {
        sc.expect('<');
        String u = sc.until(">");
        sc.expect('>');
        return Uri.parse(u);
    }

    /** Parses a list value (Contact, Route, Record-Route, Path). */
    public static List<NameAddress> parseList(String value) {
        List<String> parts = HeaderValues.split(value);
        List<NameAddress> out = new ArrayList<>(parts.size());
        for (String p : parts) out.add(parse(p));
        return out;
    }

    /** The display name as written (quotes included), or null. */
    public String displayName() {
        return displayName;
    }

    /** The display name without quotes and escapes, or null. */
    public String displayNameUnquoted() {
        return displayName == null ? null : Quoting.unquote(displayName);
    }

    public Uri uri() {
        return uri;
    }

    /** The URI when it is a SIP or SIPS URI. @throws SipParseException for another scheme */
    public SipUri sipUri() {
        if (uri instanceof SipUri s) return s;
        throw new SipParseException("not a SIP URI: " + uri);
    }

    public Parameters parameters() {
        return params;
    }

    public String parameter(String name) {
        return params.get(name);
    }

    public String tag() {
        return params.get("tag");
    }

    /** The Contact {@code q} value (RFC 3261 §20.10), 1.0 when absent. */
    public float q() {
        String v = params.get("q");
        if (v == null) return 1.0f;
        if (!isQValue(v)) throw new SipParseException("bad q value: " + v);
        return Float.parseFloat(v);
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} (RFC 3261 §25.1). */
    private static boolean isQValue(String v) {
        int n = v.length();
        if (n == 0 || n > 5 || (v.charAt(0) != '0' && v.charAt(0) != '1')) return false;
        if (n > 1 && v.charAt(1) != '.') return false;
        for (int i = 2; i < n; i++) {
            char c = v.charAt(i);
            if (v.charAt(0) == '1' ? c != '0' : !SipChars.isDigit(c)) return false;
        }
        return true;
    }

    /**
     * The Contact {@code expires} parameter in seconds, -1 when absent; values beyond {@code Integer.MAX_VALUE}
     * saturate (RFC 4475 §3.1.2.5: a huge value must not overflow).
     */
    public long expires() {
        String v = params.get("expires");
        if (v == null) return -1;
        return DeltaSeconds.parseSaturating(v);
    }

    /** RFC 5626 {@code +sip.instance}, unquoted, or null. */
    public String instanceId() {
        return params.unquoted("+sip.instance");
    }

    /** RFC 5626 {@code reg-id}, or -1. */
    public int regId() {
        String v = params.get("reg-id");
        if (v == null) return -1;
        return (int) DeltaSeconds.parseSaturating(v);
    }

    public NameAddress withTag(String tag) {
        return withParameter("tag", tag);
    }

    public NameAddress withParameter(String name, String value) {
        return new NameAddress(displayName, uri, params.with(name, value));
    }

    public NameAddress withoutParameter(String name) {
        return new NameAddress(displayName, uri, params.without(name));
    }

    public NameAddress withParameters(Parameters p) {
        return new NameAddress(displayName, uri, p);
    }

    public NameAddress withUri(Uri u) {
        return new NameAddress(displayName, u, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddress n && n.uri.equals(uri) && n.params.equals(params);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /** Serialises in name-addr form, so URI parameters can never be mistaken for header parameters. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(64);
            if (displayName != null) sb.append(displayName).append(' ');
            sb.append('<').append(uri).append('>');
            text = t = params.appendTo(sb).toString();
        }
        return t;
    }
}
