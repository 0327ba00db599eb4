package io.siplane.sip.message.syntax;

/** Character classes of the RFC 3261 §25.1 grammar, as lookup tables. */
public final class SipChars {
    private static final boolean[] TOKEN = new boolean[128];
    private static final boolean[] UNRESERVED = new boolean[128];
    private static final boolean[] USER_UNRESERVED = new boolean[128];
    private static final boolean[] PARAM_UNRESERVED = new boolean[128];
    private static final boolean[] HNV_UNRESERVED = new boolean[128];
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) mark(c, TOKEN, UNRESERVED, WORD);
        for (char c = 'a'; c <= 'z'; c++) mark(c, TOKEN, UNRESERVED, WORD);
        for (char c = 'A'; c <= 'Z'; c++) mark(c, TOKEN, UNRESERVED, WORD);
        // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
        // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
        for (char c : "-_.!~*'()".toCharArray()) UNRESERVED[c] = true;
        // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
        for (char c : "&=+$,;?/".toCharArray()) USER_UNRESERVED[c] = true;
        // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
        for (char c : "[]/:&+$".toCharArray()) PARAM_UNRESERVED[c] = true;
        // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
        for (char c : "[]/?:+$".toCharArray()) HNV_UNRESERVED[c] = true;
        // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">"
        //        / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}" )
        for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) WORD[c] = true;
    }

    private SipChars() {}

    private static void mark(char c, boolean[]... tables) {
        for (boolean[] t : tables) t[c] = true;
    }

    public static boolean isToken(int c) {
        return c < 128 && c >= 0 && TOKEN[c];
    }

    public static boolean isUnreserved(int c) {
        return c < 128 && c >= 0 && UNRESERVED[c];
    }

    public static boolean isUserUnreserved(int c) {
        return c < 128 && c >= 0 && USER_UNRESERVED[c];
    }

    public static boolean isParamUnreserved(int c) {
        return c < 128 && c >= 0 && PARAM_UNRESERVED[c];
    }

    public static boolean isHeaderValueUnreserved(int c) {
        return c < 128 && c >= 0 && HNV_UNRESERVED[c];
    }

    public static boolean isWord(int c) {
        return c < 128 && c >= 0 && WORD[c];
    }

    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** True when every character of {@code s} is a token character and {@code s} is not empty. */
    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) return false;
        }
        return true;
    }
}
