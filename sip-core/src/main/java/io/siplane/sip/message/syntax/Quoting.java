package io.siplane.sip.message.syntax;

/** The {@code quoted-string} rule (RFC 3261 §25.1): DQUOTE *(qdtext / quoted-pair) DQUOTE. */
public final class Quoting {
    private Quoting() {}

    /** Removes surrounding quotes and resolves quoted-pairs; returns {@code s} unchanged when not quoted. */
    public static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') return s;
        StringBuilder sb = new StringBuilder(s.length() - 2);
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) c = s.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    /** Wraps in quotes, escaping {@code "} and {@code \}. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
