package io.siplane.sip.message.uri;

import io.siplane.sip.message.syntax.SipParseException;
import java.util.Locale;

/** An {@code absoluteURI} of a scheme this stack does not interpret (RFC 3261 §25.1), kept as written. */
public final class GenericUri implements Uri {
    private final String scheme;
    private final String text;

    private GenericUri(String scheme, String text) {
        this.scheme = scheme;
        this.text = text;
    }

    static GenericUri parse(String text, int colon) {
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            // RFC 3261 §25.1 absoluteURI is made of uric characters: no whitespace, no controls, no <>"
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 0x7f)
                throw new SipParseException("bad character in URI: \"" + text + "\"");
        }
        return new GenericUri(text.substring(0, colon).toLowerCase(Locale.ROOT), text);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after the scheme's colon. */
    public String schemeSpecificPart() {
        return text.substring(scheme.length() + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericUri g && g.text.equalsIgnoreCase(text);
    }

    @Override
    public int hashCode() {
        return text.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
