package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code Replaces = "Replaces" HCOLON callid *(SEMI replaces-param)} (RFC 3891 §6.1) with
 * {@code replaces-param = to-tag / from-tag / early-flag / generic-param}. Parameters are kept as written.
 */
public record Replaces(String callId, Parameters parameters) {

    public Replaces {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The Replaces value for the dialog {@code callId}/{@code toTag}/{@code fromTag}. */
    public static Replaces of(String callId, String toTag, String fromTag, boolean earlyOnly) {
        Parameters p = Parameters.of("to-tag", toTag, "from-tag", fromTag);
        if (earlyOnly) p = p.with("early-only", null);
        return new Replaces(callId, p);
    }

    /**
     * @throws SipParseException when malformed; RFC 3891 §6.1: exactly one to-tag and one from-tag are required
     */
    public static Replaces parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String callId = sc.until("; \t");
        checkCallId(callId, sc);
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Replaces");
        requireTag(params, "to-tag", sc);
        requireTag(params, "from-tag", sc);
        if (params.has("early-only") && params.get("early-only") != null) throw sc.error("early-only with a value");
        return new Replaces(callId, params);
    }

    private static void requireTag(Parameters params, String name, SipScanner sc) {
        int count = 0;
        for (int i = 0; i < params.size(); i++) {
            if (params.name(i).equalsIgnoreCase(name)) count++;
        }
        if (count != 1) throw sc.error("Replaces needs exactly one " + name);
        String v = params.get(name);
        // to-tag = "to-tag" EQUAL token
        if (v == null || !SipChars.isToken(v)) throw sc.error("bad " + name);
    }

    /** {@code callid = word [ "@" word ]} (RFC 3261 §25.1). */
    private static void checkCallId(String v, SipScanner sc) {
        int at = v.indexOf('@');
        boolean ok = !v.isEmpty() && at != 0 && at != v.length() - 1 && v.indexOf('@', at + 1) < 0;
        for (int i = 0; ok && i < v.length(); i++) {
            char c = v.charAt(i);
            ok = c == '@' || SipChars.isWord(c);
        }
        if (!ok) throw sc.error("bad call-id in Replaces");
    }

    public String toTag() {
        return parameters.get("to-tag");
    }

    public String fromTag() {
        return parameters.get("from-tag");
    }

    /** RFC 3891 §3: the early-only flag asks not to replace a confirmed dialog. */
    public boolean earlyOnly() {
        return parameters.has("early-only");
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(callId)).toString();
    }
}
