package io.siplane.sip.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the {@code scheme auth-param, auth-param, ...} shape shared by WWW-Authenticate,
 * Proxy-Authenticate, Authorization and Proxy-Authorization values (RFC 3261 §25.1 {@code challenge}
 * and {@code credentials}; RFC 7235 §2.1).
 *
 * <p>Bad input is data: {@link #parse} answers empty instead of throwing, because these values come
 * straight off the network. Limits are named so a hostile value fails before it costs much.
 */
final class AuthParams {

    /** Longest header value read; real Digest values are a few hundred characters. */
    static final int MAX_VALUE_LENGTH = 8 * 1024;

    /** Most parameters read from one value; RFC 7616 defines fewer than fifteen. */
    static final int MAX_PARAMETERS = 32;

    /** RFC 3261 §7.3.1: a line fold (optional CR, LF, then whitespace) is equivalent to one SP. */
    private static final Pattern LINE_FOLD = Pattern.compile("[ \t]*\r?\n[ \t]+");

    /** One parameter as read: its name as written, its value unquoted and unescaped. */
    record Param(String name, String value, boolean quoted) {}

    /** A parsed value: its scheme and parameters keyed by lowercase name, in the order read. */
    record Parsed(String scheme, Map<String, Param> params) {

        /** The value of {@code name} (lowercase), or {@code null} when absent. */
        String get(String name) {
            Param param = params.get(name);
            return param == null ? null : param.value();
        }

        /** Whether {@code name} (lowercase) is {@code true} in any case (RFC 7616 §3.3 {@code stale}, §3.4 {@code userhash}). */
        boolean isTrue(String name) {
            return "true".equalsIgnoreCase(get(name));
        }

        /** The parameters whose lowercase names are not in {@code modelled}, by name as written, in order. */
        Map<String, String> others(Set<String> modelled) {
            Map<String, String> others = new LinkedHashMap<>();
            for (Param param : params.values()) {
                if (!modelled.contains(lower(param.name()))) {
                    others.put(param.name(), param.value());
                }
            }
            return others;
        }
    }

    private AuthParams() {}

    /**
     * Parses {@code headerValue} if its scheme is {@code expectedScheme} (compared without case, RFC
     * 7235 §2.1).
     *
     * @return empty when the value is null, too long, of another scheme, malformed (unterminated or
     *     badly escaped quoted-string, a parameter without {@code =}, stray characters), or repeats a
     *     parameter (RFC 7235 §2.2: "each parameter name MUST only occur once per challenge"; a repeated
     *     directive is also a classic way to confuse two parsers that pick different copies)
     */
    static Optional<Parsed> parse(String headerValue, String expectedScheme) {
        if (headerValue == null || headerValue.length() > MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        return new Scanner(LINE_FOLD.matcher(headerValue).replaceAll(" ")).parse(expectedScheme);
    }

    /** Appends {@code , name="value"} (or without the comma when first) as a quoted-string. */
    static void appendQuoted(StringBuilder out, String name, String value) {
        separate(out).append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\'); // RFC 3261 §25.1 quoted-pair
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Appends {@code , name=value} with the value as a bare token. */
    static void appendToken(StringBuilder out, String name, String value) {
        separate(out).append(name).append('=').append(value);
    }

    /** Appends a parameter of unknown meaning: bare if it is a token, quoted otherwise. */
    static void appendAsNeeded(StringBuilder out, String name, String value) {
        if (isToken(value)) {
            appendToken(out, name, value);
        } else {
            appendQuoted(out, name, value);
        }
    }

    private static StringBuilder separate(StringBuilder out) {
        char last = out.charAt(out.length() - 1);
        return last == ' ' ? out : out.append(", ");
    }

    /**
     * Rejects values that cannot be written inside a quoted-string: CR and LF (header injection) and
     * other control characters. Builders call this, so a bad value is a programming error.
     */
    static String requireWritable(String what, String value) {
        if (value == null) {
            throw new NullPointerException(what);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
        return value;
    }

    /**
     * A builder's {@code otherParam}: checks the name and value and puts them in {@code others}.
     *
     * @throws IllegalArgumentException when {@code name} is in {@code modelled} (it has its own builder method), or
     *     is not a token, or the value cannot be written
     */
    static void putOther(Map<String, String> others, Set<String> modelled, String name, String value) {
        if (modelled.contains(lower(requireName(name)))) {
            throw new IllegalArgumentException(name + " has its own builder method");
        }
        others.put(name, requireWritable(name, value));
    }

    /** Appends the parameters of unknown meaning, in order, each as {@link #appendAsNeeded}. */
    static void appendOthers(StringBuilder out, Map<String, String> others) {
        others.forEach((name, value) -> appendAsNeeded(out, name, value));
    }

    /** Requires {@code value} to be an RFC 3261 §25.1 token, for directives written unquoted. */
    static String requireToken(String what, String value) {
        if (!isToken(value)) {
            throw new IllegalArgumentException(what + " must be a token: " + value);
        }
        return value;
    }

    /** Requires a parameter name that this class could read back. */
    static String requireName(String name) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("parameter name must be a token: " + name);
        }
        return name;
    }

    static boolean isToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A single pass over an unfolded value; every method leaves {@code pos} after what it read. */
    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        Optional<Parsed> parse(String expectedScheme) {
            skipWhitespace();
            String scheme = token();
            if (scheme == null || !scheme.equalsIgnoreCase(expectedScheme)) {
                return Optional.empty();
            }
            // RFC 3261 §25.1: the scheme and the first parameter are separated by LWS.
            if (!atEnd() && !isWhitespace(peek())) {
                return Optional.empty();
            }
            Map<String, Param> params = new LinkedHashMap<>();
            skipWhitespace();
            while (!atEnd()) {
                // Empty list elements (",,") are tolerated as RFC 7230 §7 asks of recipients.
                if (peek() == ',') {
                    pos++;
                    skipWhitespace();
                    continue;
                }
                Param param = param();
                if (param == null || params.size() >= MAX_PARAMETERS) {
                    return Optional.empty();
                }
                if (params.putIfAbsent(lower(param.name()), param) != null) {
                    return Optional.empty();
                }
                skipWhitespace();
                if (!atEnd() && peek() != ',') {
                    return Optional.empty();
                }
            }
            return Optional.of(new Parsed(scheme, Collections.unmodifiableMap(params)));
        }

        /** name SWS "=" SWS (quoted-string / value), or null when malformed. */
        private Param param() {
            String name = token();
            if (name == null) {
                return null;
            }
            skipWhitespace();
            if (atEnd() || peek() != '=') {
                return null;
            }
            pos++;
            skipWhitespace();
            if (atEnd()) {
                return null;
            }
            if (peek() == '"') {
                String value = quotedString();
                return value == null ? null : new Param(name, value, true);
            }
            String value = bareValue();
            return value == null ? null : new Param(name, value, false);
        }

        private String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            return pos == start ? null : s.substring(start, pos);
        }

        /**
         * An unquoted value. Wider than a token on purpose: deployed clients send nonces and URIs
         * unquoted (with "/", "=", ":" or "@"), and rejecting them gains nothing since the response
         * digest covers the value either way.
         */
        private String bareValue() {
            int start = pos;
            while (!atEnd()) {
                char c = peek();
                if (c == ',' || c == '"' || isWhitespace(c) || c < 0x20 || c == 0x7f) {
                    break;
                }
                pos++;
            }
            if (pos == start || (!atEnd() && peek() == '"')) {
                return null;
            }
            return s.substring(start, pos);
        }

        /** RFC 3261 §25.1 quoted-string, starting at the opening DQUOTE; null when malformed. */
        private String quotedString() {
            pos++; // opening DQUOTE
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                    if (atEnd()) {
                        return null;
                    }
                    char escaped = s.charAt(pos++);
                    if (escaped == '\r' || escaped == '\n' || escaped > 0x7f) {
                        return null;
                    }
                    value.append(escaped);
                } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    // qdtext excludes controls; a bare CR or LF left after unfolding is an injection.
                    return null;
                } else {
                    value.append(c);
                }
            }
            return null; // unterminated
        }

        private void skipWhitespace() {
            while (!atEnd() && isWhitespace(peek())) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private char peek() {
            return s.charAt(pos);
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
