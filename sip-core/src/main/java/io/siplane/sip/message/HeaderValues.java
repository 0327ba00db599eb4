package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipParseException;
import java.util.ArrayList;
import java.util.List;

/** Splits a header value that is a comma-separated list (RFC 3261 §7.3.1) into its elements. */
public final class HeaderValues {
    private HeaderValues() {}

    /**
     * The comma-separated elements of {@code value}, trimmed, honouring quoted strings and {@code <…>}.
     *
     * @throws SipParseException on an empty element or an unterminated quote or bracket
     */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        boolean quoted = false, angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                out.add(element(value, start, i));
                start = i + 1;
            }
        }
        if (quoted) throw new SipParseException("unterminated quoted string in \"" + value + "\"");
        if (angle) throw new SipParseException("unterminated '<' in \"" + value + "\"");
        out.add(element(value, start, value.length()));
        return out;
    }

    private static String element(String value, int from, int to) {
        String e = value.substring(from, to).trim();
        if (e.isEmpty()) throw new SipParseException("empty list element in \"" + value + "\"");
        return e;
    }
}
