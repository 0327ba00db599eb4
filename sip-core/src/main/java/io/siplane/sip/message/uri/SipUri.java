package io.siplane.sip.message.uri;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.PercentEncoding;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>User and password are kept in their escaped form as written (so that re-serialisation is exact);
 * {@link #userDecoded()} gives the unescaped value. Immutable; the {@code with…} methods return copies.
 */
public final class SipUri implements Uri {
    /** Port value meaning "none given". */
    public static final int NO_PORT = -1;

    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters params;
    private final String headers;
    private String text;

    private SipUri(
            boolean secure, String user, String password, String host, int port, Parameters params, String headers) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.params = params;
        this.headers = headers;
    }

    /** {@code sip:host} with no user, port, parameters or headers. */
    public static SipUri of(String host) {
        return new SipUri(false, null, null, host, NO_PORT, Parameters.EMPTY, null);
    }

    /** {@code sip:user@host:port} ({@code port} may be {@link #NO_PORT}, {@code user} may be null). */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, host, port, Parameters.EMPTY, null);
    }

    /**
     * Parses a SIP or SIPS URI.
     *
     * @throws SipParseException when {@code text} is not one
     */
    public static SipUri parse(String text) {
        Uri uri = Uri.parse(text);
        if (uri instanceof SipUri s) return s;
        throw new SipParseException("not a SIP URI: \"" + text + "\"");
    }

    static SipUri parseAfterScheme(boolean secure, String text, int p) {
        String user = null, password = null;
        int at = text.indexOf('@', p);
        int hostStart = p;
        if (at >= 0) {
            // RFC 3261 §25.1: userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"; neither part may
            // hold an unescaped '@', so the first '@' ends it (RFC 4475 §3.1.1.9: ';' belongs to the user).
            int colon = p;
            while (colon < at && text.charAt(colon) != ':') colon++; // only a ':' before the '@' matters
            if (colon < at) {
                user = text.substring(p, colon);
                password = text.substring(colon + 1, at);
                checkUserChars(password, text);
            } else {
                user = text.substring(p, at);
            }
            if (user.isEmpty()) throw new SipParseException("empty user part in \"" + text + "\"");
            checkUserChars(user, text);
            hostStart = at + 1;
        }
        SipScanner sc = new SipScanner(text, hostStart, text.length());
        String host = sc.host();
        int port = NO_PORT;
        if (sc.peek() == ':') {
            sc.next();
            port = (int) sc.number(65535);
        }
        Parameters params = Parameters.EMPTY;
        if (sc.peek() == ';') params = uriParams(sc, text);
        String headers = null;
        if (sc.peek() == '?') {
            sc.next();
            headers = sc.until("");
            checkUserChars(headers, text);
        }
        if (!sc.atEnd()) throw sc.error("unexpected character in SIP URI");
        SipUri uri = new SipUri(secure, user, password, host, port, params, headers);
        uri.text = text;
        return uri;
    }

    private static void checkUserChars(String part, String text) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f)
                throw new SipParseException("bad character in SIP URI \"" + text + "\"");
        }
    }

    private static Parameters uriParams(SipScanner sc, String text) {
        Parameters.Builder b = new Parameters.Builder();
        while (sc.peek() == ';') {
            sc.next();
            String name = sc.until(";?=");
            if (name.isEmpty()) throw sc.error("empty URI parameter name");
            checkParamChars(name, text);
            String value = null;
            if (sc.peek() == '=') {
                sc.next();
                value = sc.until(";?");
                // pvalue = 1*paramchar
                if (value.isEmpty()) throw sc.error("empty URI parameter value");
                checkParamChars(value, text);
            }
            b.add(name, value);
        }
        return b.build();
    }

    private static void checkParamChars(String part, String text) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            // paramchar = param-unreserved / unreserved / escaped (RFC 3261 §25.1)
            if (!SipChars.isUnreserved(c) && !SipChars.isParamUnreserved(c) && c != '%')
                throw new SipParseException("bad character '" + c + "' in URI parameter of \"" + text + "\"");
        }
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part as written (escaped), or {@code null}. */
    public String user() {
        return user;
    }

    /** The user part with %HH escapes resolved (RFC 3261 §19.1.4), or {@code null}. */
    public String userDecoded() {
        return user == null ? null : PercentEncoding.decode(user);
    }

    public String password() {
        return password;
    }

    /** The host as written; an IPv6 reference keeps its brackets. */
    public String host() {
        return host;
    }

    /** The port, or {@link #NO_PORT}. */
    public int port() {
        return port;
    }

    /** The port, or the RFC 3261 §19.1.2 default for the transport (5061 for sips, otherwise 5060). */
    public int portOrDefault() {
        if (port != NO_PORT) return port;
        return secure || "tls".equalsIgnoreCase(transportParam()) ? 5061 : 5060;
    }

    public Parameters parameters() {
        return params;
    }

    public String parameter(String name) {
        return params.get(name);
    }

    public boolean hasParameter(String name) {
        return params.has(name);
    }

    public String transportParam() {
        return params.get("transport");
    }

    public String maddrParam() {
        return params.get("maddr");
    }

    /** RFC 3261 §19.1.1: a loose-routing URI carries the {@code lr} parameter. */
    public boolean isLooseRouting() {
        return params.has("lr");
    }

    /** The headers component after {@code ?}, as written, or {@code null}. */
    public String headers() {
        return headers;
    }

    public SipUri withUser(String newUser) {
        return new SipUri(secure, newUser, newUser == null ? null : password, host, port, params, headers);
    }

    public SipUri withHost(String newHost) {
        return new SipUri(secure, user, password, newHost, port, params, headers);
    }

    public SipUri withPort(int newPort) {
        return new SipUri(secure, user, password, host, newPort, params, headers);
    }

    public SipUri withSecure(boolean s) {
        return new SipUri(s, user, password, host, port, params, headers);
    }

    public SipUri withParameter(String name, String value) {
        return new SipUri(secure, user, password, host, port, params.with(name, value), headers);
    }

    public SipUri withoutParameter(String name) {
        return new SipUri(secure, user, password, host, port, params.without(name), headers);
    }

    public SipUri withParameters(Parameters p) {
        return new SipUri(secure, user, password, host, port, p, headers);
    }

    /** A copy without the headers component (RFC 3261 §19.1.5: not allowed in a Request-URI). */
    public SipUri withoutHeaders() {
        return headers == null ? this : new SipUri(secure, user, password, host, port, params, null);
    }

    public SipUri withHeaders(String h) {
        return new SipUri(secure, user, password, host, port, params, h);
    }

    /** {@code user@host} without scheme, port or parameters: the address-of-record key used by registrars. */
    public String userAtHost() {
        String h = host.toLowerCase(Locale.ROOT);
        return user == null ? h : userDecoded() + "@" + h;
    }

    /**
     * URI comparison per RFC 3261 §19.1.4: scheme; user and password case-sensitive after unescaping; host
     * case-insensitive; port, user, ttl, method, maddr and transport parameters must match when present in
     * either; other parameters only when present in both; headers must match.
     */
    public boolean equivalentTo(SipUri o) {
        if (secure != o.secure) return false;
        if (!Objects.equals(userDecoded(), o.userDecoded())) return false;
        if (!Objects.equals(
                password == null ? null : PercentEncoding.decode(password),
                o.password == null ? null : PercentEncoding.decode(o.password))) return false;
        if (!host.equalsIgnoreCase(o.host) || port != o.port) return false;
        // Parameter names are compared unescaped too (RFC 4475 §3.1.1.3: ";%6C%72" is ";lr").
        for (String p : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            int i = indexOfDecoded(params, p), j = indexOfDecoded(o.params, p);
            if ((i < 0) != (j < 0)) return false;
            if (i >= 0 && !eqIgnoreCase(params.value(i), o.params.value(j))) return false;
        }
        for (int i = 0; i < params.size(); i++) {
            int j = indexOfDecoded(o.params, PercentEncoding.decode(params.name(i)));
            if (j >= 0 && !eqIgnoreCase(params.value(i), o.params.value(j))) return false;
        }
        return sameHeaders(headers, o.headers);
    }

    /**
     * RFC 3261 §19.1.4: the order of header fields is not significant; names compare case-insensitively,
     * values after unescaping.
     */
    private static boolean sameHeaders(String a, String b) {
        if (a == null || b == null) return a == b;
        String[] x = normalisedHeaders(a), y = normalisedHeaders(b);
        return Arrays.equals(x, y);
    }

    private static String[] normalisedHeaders(String h) {
        String[] parts = h.split("&", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            parts[i] = PercentEncoding.decode(name).toLowerCase(Locale.ROOT) + '=' + PercentEncoding.decode(value);
        }
        Arrays.sort(parts);
        return parts;
    }

    private static int indexOfDecoded(Parameters p, String name) {
        for (int i = 0; i < p.size(); i++) {
            if (PercentEncoding.decode(p.name(i)).equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static boolean eqIgnoreCase(String a, String b) {
        return a == null
                ? b == null
                : b != null && PercentEncoding.decode(a).equalsIgnoreCase(PercentEncoding.decode(b));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri s && equivalentTo(s);
    }

    @Override
    public int hashCode() {
        return host.toLowerCase(Locale.ROOT).hashCode() * 31 + Objects.hashCode(userDecoded());
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(48).append(secure ? "sips:" : "sip:");
            if (user != null) {
                sb.append(user);
                if (password != null) sb.append(':').append(password);
                sb.append('@');
            }
            sb.append(host);
            if (port != NO_PORT) sb.append(':').append(port);
            params.appendTo(sb);
            if (headers != null) sb.append('?').append(headers);
            text = t = sb.toString();
        }
        return t;
    }
}
