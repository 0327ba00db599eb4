package io.siplane.sip.message.syntax;

/**
 * Constant Strings for tokens that occur in nearly every message: the sent-protocol of a Via
 * ({@code SIP/2.0/UDP}, RFC 3261 §20.42) and the usual parameter names (§25.1 {@code via-branch},
 * {@code tag-param}, {@code lr-param}, {@code via-received}, RFC 3581 {@code rport}…). A scanner that reads one
 * of them, spelled exactly so, returns the constant instead of allocating a new String.
 */
final class CommonTokens {
    /** By length; each array holds the candidates of that length. Matched case-sensitively (kept as written). */
    private static final String[][] BY_LENGTH = new String[10][];

    static {
        String[] all = {
            "SIP",
            "2.0",
            "UDP",
            "TCP",
            "TLS",
            "WS",
            "WSS",
            "SCTP", //
            "branch",
            "tag",
            "lr",
            "received",
            "rport",
            "transport",
            "maddr",
            "ttl",
            "user",
            "method",
            "expires",
            "q"
        };
        for (String t : all) {
            String[] old = BY_LENGTH[t.length()];
            String[] now = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = t;
            BY_LENGTH[t.length()] = now;
        }
    }

    private CommonTokens() {}

    /** {@code s.substring(from, to)}, as a shared constant when it is one of the common tokens. */
    static String substring(String s, int from, int to) {
        int len = to - from;
        if (len < BY_LENGTH.length) {
            String[] candidates = BY_LENGTH[len];
            if (candidates != null) {
                char first = s.charAt(from);
                for (String c : candidates) {
                    if (c.charAt(0) == first && s.startsWith(c, from)) return c;
                }
            }
        }
        return s.substring(from, to);
    }
}
