package io.siplane.sip.message.uri;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;

/** A {@code tel:} URI (RFC 3966): a global ({@code +…}) or local number with parameters. */
public final class TelUri implements Uri {
    private final String number;
    private final Parameters params;
    private String text;

    public TelUri(String number, Parameters params) {
        this.number = number;
        this.params = params;
    }

    static TelUri parse(String text) {
        SipScanner sc = new SipScanner(text, 4, text.length());
        String number = sc.until(";");
        if (number.isEmpty()) throw new SipParseException("tel URI without number: \"" + text + "\"");
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            // RFC 3966 §3: digits, visual separators, '+' first, hex digits and '*#' in local numbers
            if (!(Character.isLetterOrDigit(c) || "+-.()*#".indexOf(c) >= 0))
                throw new SipParseException("bad tel number: \"" + text + "\"");
        }
        Parameters params = sc.genericParams();
        if (!sc.atEnd()) throw sc.error("trailing characters in tel URI");
        TelUri uri = new TelUri(number, params);
        uri.text = text;
        return uri;
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, visual separators included. */
    public String number() {
        return number;
    }

    /** The number without visual separators (RFC 3966 §5.1.1). */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') sb.append(c);
        }
        return sb.toString();
    }

    public boolean isGlobal() {
        return number.startsWith("+");
    }

    public Parameters parameters() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelUri t && t.digits().equalsIgnoreCase(digits()) && t.params.sameAs(params);
    }

    @Override
    public int hashCode() {
        return digits().hashCode();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null)
            text = t = params.appendTo(new StringBuilder("tel:").append(number)).toString();
        return t;
    }
}
