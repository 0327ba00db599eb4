package io.siplane.sip.message.uri;

import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;

/** A Request-URI or a URI in a name-addr (RFC 3261 §19, §25.1 {@code Request-URI = SIP-URI / SIPS-URI / absoluteURI}). */
public sealed interface Uri permits SipUri, TelUri, GenericUri {

    /** The scheme in lower case: {@code sip}, {@code sips}, {@code tel}, … */
    String scheme();

    /** True for {@code sip:} and {@code sips:} URIs. */
    default boolean isSip() {
        return this instanceof SipUri;
    }

    /** The URI as it is written on the wire. */
    @Override
    String toString();

    /**
     * Parses a URI; {@code sip}/{@code sips} into {@link SipUri}, {@code tel} into {@link TelUri}, any other
     * scheme into {@link GenericUri} (RFC 4475 §3.3.2: an unknown scheme parses; the element decides).
     *
     * @throws SipParseException when the text is not a URI
     */
    static Uri parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) throw new SipParseException("URI without scheme: \"" + text + "\"");
        if (!SipChars.isAlpha(text.charAt(0))) throw new SipParseException("bad URI scheme: \"" + text + "\"");
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!SipChars.isAlpha(c) && !SipChars.isDigit(c) && c != '+' && c != '-' && c != '.')
                throw new SipParseException("bad URI scheme: \"" + text + "\"");
        }
        if (colon == 3 && text.regionMatches(true, 0, "sip", 0, 3)) return SipUri.parseAfterScheme(false, text, 4);
        if (colon == 4 && text.regionMatches(true, 0, "sips", 0, 4)) return SipUri.parseAfterScheme(true, text, 5);
        if (colon == 3 && text.regionMatches(true, 0, "tel", 0, 3)) return TelUri.parse(text);
        return GenericUri.parse(text, colon);
    }
}
