package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Locale;

/** {@code m-type SLASH m-subtype *(SEMI m-parameter)}: Content-Type and Accept (RFC 3261 §20.15). */
public record MediaType(String type, String subtype, Parameters parameters) {
    public static final MediaType APPLICATION_SDP = new MediaType("application", "sdp", Parameters.EMPTY);
    public static final MediaType MESSAGE_SIPFRAG = new MediaType("message", "sipfrag", Parameters.EMPTY);
    public static final MediaType TEXT_PLAIN = new MediaType("text", "plain", Parameters.EMPTY);

    public MediaType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
    }

    /** @throws SipParseException when malformed */
    public static MediaType parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String type = sc.token();
        if (!sc.skipSeparator('/')) throw sc.error("expected '/' in media type");
        String subtype = sc.token();
        Parameters p = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in media type");
        return new MediaType(type, subtype, p);
    }

    /** Matches type and subtype, ignoring parameters. */
    public boolean is(MediaType other) {
        return type.equals(other.type) && subtype.equals(other.subtype);
    }

    @Override
    public String toString() {
        return parameters
                .appendTo(new StringBuilder().append(type).append('/').append(subtype))
                .toString();
    }
}
