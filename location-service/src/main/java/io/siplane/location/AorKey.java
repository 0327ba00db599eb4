package io.siplane.location;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns an address-of-record into the key the bindings are stored under: the canonical form
 * {@code sip:user@host[:port]} that the registrar keys the events by (RFC 3261 §10.3 step 5; ADR 0005).
 *
 * <p>The scheme and host are lower-cased (RFC 3261 §19.1.4: both compare case-insensitively); the user part
 * keeps its case (it compares case-sensitively); its escapes are decoded (§10.3 step 5) and the result escaped
 * again in one normal form, the registrar's: only what the {@code user} rule forbids, as upper-case {@code %HH}
 * ({@code sip:%6Cice@Example.COM} and {@code sip:lice@example.com} are one key; {@code null-%00-null} keeps its
 * NUL as {@code %00} instead of being cut short, RFC 4475 §3.1.1.4). URI parameters
 * and headers are dropped (§10.3 step 5). A {@code sips:} AOR maps to the same key as its {@code sip:} form:
 * the registrar stores one set of bindings per user and domain; whether a request needs TLS all the way is a
 * property of the request, which the routing element enforces (docs/adr/0006-location-service-state.md).
 */
public final class AorKey {
    // RFC 3261 §25.1 hostname, IPv4address or IPv6reference (brackets), then an optional port.
    private static final Pattern HOST_PORT =
            Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.?"
                    + "|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?");
    // RFC 3261 §25.1 user: unreserved / escaped / user-unreserved; escapes are checked separately.
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+");
    private static final int MAX_LENGTH = 512;

    private AorKey() {}

    /**
     * The canonical key of {@code aor}.
     *
     * @throws IllegalArgumentException with a reason a client can act on, when {@code aor} is not a
     *     {@code sip:} or {@code sips:} URI of the form {@code user@host}
     */
    public static String canonical(String aor) {
        if (aor == null || aor.isBlank()) throw new IllegalArgumentException("AOR is empty");
        if (aor.length() > MAX_LENGTH) throw new IllegalArgumentException("AOR longer than " + MAX_LENGTH);
        int colon = aor.indexOf(':');
        String scheme = colon < 0 ? "" : aor.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            throw new IllegalArgumentException("AOR must be a sip: or sips: URI");
        }
        String rest = aor.substring(colon + 1);
        // The user part may itself hold ';' and '?' (RFC 3261 §25.1 user-unreserved), so split at '@' first.
        int at = rest.indexOf('@');
        if (at < 0) throw new IllegalArgumentException("AOR must have the form user@host");
        String user = rest.substring(0, at);
        String hostRest = rest.substring(at + 1);
        int end = indexOfAny(hostRest, ";?");
        String hostPort = (end < 0 ? hostRest : hostRest.substring(0, end)).toLowerCase(Locale.ROOT);
        if (user.isEmpty() || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("AOR has an empty or invalid user part");
        }
        if (!HOST_PORT.matcher(hostPort).matches()) {
            throw new IllegalArgumentException("AOR has an invalid host: " + hostPort);
        }
        return "sip:" + unescape(user) + "@" + hostPort;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return -1;
    }

    /** Decodes every %HH, then escapes what RFC 3261 §25.1 {@code user} does not allow unescaped. */
    private static String unescape(String user) {
        if (user.indexOf('%') < 0) return user;
        ByteArrayOutputStream out = new ByteArrayOutputStream(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 2 >= user.length()
                    || Character.digit(user.charAt(i + 1), 16) < 0
                    || Character.digit(user.charAt(i + 2), 16) < 0) {
                throw new IllegalArgumentException("AOR user part has a malformed %-escape");
            }
            out.write(Character.digit(user.charAt(i + 1), 16) * 16 + Character.digit(user.charAt(i + 2), 16));
            i += 2;
        }
        StringBuilder normal = new StringBuilder(user.length());
        for (byte b : out.toByteArray()) {
            int v = b & 0xff;
            if (v < 0x80 && USER_CHAR[v]) normal.append((char) v);
            else normal.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
        }
        return normal.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** RFC 3261 §25.1: unreserved (alphanum, mark) and user-unreserved characters. */
    private static final boolean[] USER_CHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) USER_CHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) USER_CHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) USER_CHAR[c] = true;
        for (char c : "-_.!~*'()&=+$,;?/".toCharArray()) USER_CHAR[c] = true;
    }
}
