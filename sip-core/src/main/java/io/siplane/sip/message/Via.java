package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code via-parm} (RFC 3261 §20.42, §25.1): {@code SIP/2.0/transport sent-by *(;via-params)}.
 * Immutable; parsed values keep their text so that a forwarded Via is unchanged.
 */
public final class Via {
    /** RFC 3261 §8.1.1.7: branches that begin with this cookie were built by RFC 3261 elements. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;
    private String text;

    public Via(String transport, String host, int port, Parameters params) {
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.params = params;
    }

    /** A Via with a branch parameter and, for RFC 3581, an empty {@code rport}. */
    public static Via of(String transport, String host, int port, String branch, boolean rport) {
        Parameters p = Parameters.of("branch", branch);
        if (rport) p = p.with("rport", null);
        return new Via(transport, host, port, p);
    }

    /**
     * Parses one via-parm.
     *
     * @throws SipParseException when it is not one
     */
    public static Via parse(String value) {
        Via via = SimpleSyntax.via(value); // the usual form, in one pass; null sends anything else below
        if (via != null) {
            via.text = SimpleSyntax.text(value);
            return via;
        }
        via = parseGeneral(value);
        via.text = value.strip();
        return via;
    }

    /** The general path, for every form; package-private so tests can compare it with {@link SimpleSyntax}. */
    static Via parseGeneral(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String protocol = sc.token();
        if (!sc.skipSeparator('/')) throw sc.error("expected '/' in sent-protocol");
        String version = sc.token();
        if (!sc.skipSeparator('/')) throw sc.error("expected '/' in sent-protocol");
        if (!"SIP".equalsIgnoreCase(protocol) || !"2.0".equals(version)) throw sc.error("unsupported protocol");
        String transport = sc.token();
        sc.skipWhitespace();
        String host = sc.host();
        int port = -1;
        if (sc.skipSeparator(':')) port = (int) sc.number(65535);
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Via");
        return new Via(transport, host, port, params);
    }

    /** Parses a Via header value, which may hold several comma-separated via-parms. */
    public static List<Via> parseList(String value) {
        List<Via> out = new ArrayList<>(1);
        parseInto(value, out);
        return out;
    }

    /** Appends the via-parms of a Via header value to {@code out}. */
    static void parseInto(String value, List<Via> out) {
        // one element (no comma, and no quote or '<' that could hide one): the split would return value.trim()
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('<') < 0) {
            String e = value.trim();
            if (!e.isEmpty()) {
                out.add(parse(e));
                return;
            }
        }
        for (String p : HeaderValues.split(value)) out.add(parse(p));
    }

    /** The transport in upper case: UDP, TCP, TLS, SCTP, WS, WSS or an extension. */
    public String transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    /** The sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    /** The sent-by port, or the default for the transport (RFC 3261 §18.2.2: 5060, or 5061 for TLS). */
    public int portOrDefault() {
        if (port >= 0) return port;
        return "TLS".equals(transport) || "WSS".equals(transport) ? 5061 : 5060;
    }

    /** {@code host[:port]} as it appears in the Via. */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    public Parameters parameters() {
        return params;
    }

    public String branch() {
        return params.get("branch");
    }

    /**
     * True when the branch begins with the RFC 3261 magic cookie and has something after it. A branch that is
     * only the cookie (RFC 4475 §3.2.1) does not count, so matching falls back to RFC 2543 rules.
     */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return params.get("received");
    }

    public String maddr() {
        return params.get("maddr");
    }

    /** True when an {@code rport} parameter is present, with or without value (RFC 3581). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The {@code rport} value, or -1 when absent or empty. */
    public int rport() {
        String v = params.get("rport");
        if (v == null) return -1;
        // RFC 3581 §3: rport = "rport" [EQUAL 1*DIGIT], a port number
        int n = v.isEmpty() || v.length() > 5 ? -1 : 0;
        for (int i = 0; i < v.length() && n >= 0; i++) {
            n = SipChars.isDigit(v.charAt(i)) ? n * 10 + v.charAt(i) - '0' : -1;
        }
        if (n < 0 || n > 65535) throw new SipParseException("bad rport value: " + v);
        return n;
    }

    public Via withParameter(String name, String value) {
        return new Via(transport, host, port, params.with(name, value));
    }

    public Via withoutParameter(String name) {
        return new Via(transport, host, port, params.without(name));
    }

    /**
     * RFC 3261 §18.2.1 and RFC 3581 §4: record the source address in {@code received} and, when the client
     * asked with {@code rport}, the source port. IPv6 goes without brackets (RFC 5118 §4.5).
     */
    public Via withReceived(String sourceAddress, int sourcePort) {
        String addr = unbracketed(sourceAddress);
        Parameters p = params;
        boolean rport = p.has("rport");
        if (rport) p = p.with("rport", Integer.toString(sourcePort));
        if (rport || !addr.equalsIgnoreCase(unbracketed(host))) p = p.with("received", addr);
        return p == params ? this : new Via(transport, host, port, p);
    }

    private static String unbracketed(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v
                && v.transport.equals(transport)
                && v.host.equalsIgnoreCase(host)
                && v.port == port
                && v.params.equals(params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport, host.toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(64)
                    .append("SIP/2.0/")
                    .append(transport)
                    .append(' ')
                    .append(host);
            if (port >= 0) sb.append(':').append(port);
            text = t = params.appendTo(sb).toString();
        }
        return t;
    }
}
