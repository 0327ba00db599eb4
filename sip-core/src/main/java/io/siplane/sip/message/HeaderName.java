package io.siplane.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A header name. Names compare case-insensitively and a compact form equals its long form (RFC 3261 §7.3.1,
 * §7.3.3). {@link #of} returns the registered constant for a known name (so {@code ==} works for those) and a
 * new instance for an unknown name, which keeps its spelling as received. Unknown names are never cached,
 * so a flood of invented header names cannot grow memory.
 */
public final class HeaderName {
    private static final List<HeaderName> REGISTRY = new ArrayList<>();

    public static final HeaderName ACCEPT = register("Accept", (char) 0);
    public static final HeaderName ACCEPT_CONTACT = register("Accept-Contact", 'a');
    public static final HeaderName ACCEPT_ENCODING = register("Accept-Encoding", (char) 0);
    public static final HeaderName ACCEPT_LANGUAGE = register("Accept-Language", (char) 0);
    public static final HeaderName ALERT_INFO = register("Alert-Info", (char) 0);
    public static final HeaderName ALLOW = register("Allow", (char) 0);
    public static final HeaderName ALLOW_EVENTS = register("Allow-Events", 'u');
    public static final HeaderName AUTHENTICATION_INFO = register("Authentication-Info", (char) 0);
    public static final HeaderName AUTHORIZATION = register("Authorization", (char) 0);
    public static final HeaderName CALL_ID = register("Call-ID", 'i');
    public static final HeaderName CALL_INFO = register("Call-Info", (char) 0);
    public static final HeaderName CONTACT = register("Contact", 'm');
    public static final HeaderName CONTENT_DISPOSITION = register("Content-Disposition", (char) 0);
    public static final HeaderName CONTENT_ENCODING = register("Content-Encoding", 'e');
    public static final HeaderName CONTENT_LANGUAGE = register("Content-Language", (char) 0);
    public static final HeaderName CONTENT_LENGTH = register("Content-Length", 'l');
    public static final HeaderName CONTENT_TYPE = register("Content-Type", 'c');
    public static final HeaderName CSEQ = register("CSeq", (char) 0);
    public static final HeaderName DATE = register("Date", (char) 0);
    public static final HeaderName ERROR_INFO = register("Error-Info", (char) 0);
    public static final HeaderName EVENT = register("Event", 'o');
    public static final HeaderName EXPIRES = register("Expires", (char) 0);
    public static final HeaderName FROM = register("From", 'f');
    public static final HeaderName IDENTITY = register("Identity", 'y');
    public static final HeaderName IN_REPLY_TO = register("In-Reply-To", (char) 0);
    public static final HeaderName MAX_FORWARDS = register("Max-Forwards", (char) 0);
    public static final HeaderName MIME_VERSION = register("MIME-Version", (char) 0);
    public static final HeaderName MIN_EXPIRES = register("Min-Expires", (char) 0);
    public static final HeaderName MIN_SE = register("Min-SE", (char) 0);
    public static final HeaderName ORGANIZATION = register("Organization", (char) 0);
    public static final HeaderName PATH = register("Path", (char) 0);
    public static final HeaderName PRIORITY = register("Priority", (char) 0);
    public static final HeaderName PROXY_AUTHENTICATE = register("Proxy-Authenticate", (char) 0);
    public static final HeaderName PROXY_AUTHORIZATION = register("Proxy-Authorization", (char) 0);
    public static final HeaderName PROXY_REQUIRE = register("Proxy-Require", (char) 0);
    public static final HeaderName RACK = register("RAck", (char) 0);
    public static final HeaderName REASON = register("Reason", (char) 0);
    public static final HeaderName RECORD_ROUTE = register("Record-Route", (char) 0);
    public static final HeaderName REFER_TO = register("Refer-To", 'r');
    public static final HeaderName REFERRED_BY = register("Referred-By", 'b');
    public static final HeaderName REJECT_CONTACT = register("Reject-Contact", 'j');
    public static final HeaderName REPLACES = register("Replaces", (char) 0);
    public static final HeaderName REPLY_TO = register("Reply-To", (char) 0);
    public static final HeaderName REQUEST_DISPOSITION = register("Request-Disposition", 'd');
    public static final HeaderName REQUIRE = register("Require", (char) 0);
    public static final HeaderName RETRY_AFTER = register("Retry-After", (char) 0);
    public static final HeaderName ROUTE = register("Route", (char) 0);
    public static final HeaderName RSEQ = register("RSeq", (char) 0);
    public static final HeaderName SERVER = register("Server", (char) 0);
    public static final HeaderName SESSION_EXPIRES = register("Session-Expires", 'x');
    public static final HeaderName SIP_ETAG = register("SIP-ETag", (char) 0);
    public static final HeaderName SIP_IF_MATCH = register("SIP-If-Match", (char) 0);
    public static final HeaderName SUBJECT = register("Subject", 's');
    public static final HeaderName SUBSCRIPTION_STATE = register("Subscription-State", (char) 0);
    public static final HeaderName SUPPORTED = register("Supported", 'k');
    public static final HeaderName TIMESTAMP = register("Timestamp", (char) 0);
    public static final HeaderName TO = register("To", 't');
    /** W3C trace context between the platform's own elements (see docs/architecture.md). */
    public static final HeaderName TRACEPARENT = register("traceparent", (char) 0);

    public static final HeaderName UNSUPPORTED = register("Unsupported", (char) 0);
    public static final HeaderName USER_AGENT = register("User-Agent", (char) 0);
    public static final HeaderName VIA = register("Via", 'v');
    public static final HeaderName WARNING = register("Warning", (char) 0);
    public static final HeaderName WWW_AUTHENTICATE = register("WWW-Authenticate", (char) 0);

    /** Longest registered long form; longer names are never registered. */
    private static final int MAX_LENGTH = 24;

    /**
     * Registered long forms by length and first letter: {@code BUCKETS[len * 32 + (first & 31)]} holds the few
     * candidates (usually one), so a lookup is one array read and one compare of the bytes, no hash to compute.
     * Header names are case-insensitive (RFC 3261 §7.3.5); {@code & 31} maps both cases of a letter together.
     */
    private static final HeaderName[][] BUCKETS = new HeaderName[(MAX_LENGTH + 1) * 32][];

    /** Compact forms (RFC 3261 §7.3.3) by {@code letter & 31}. */
    private static final HeaderName[] COMPACT = new HeaderName[32];

    static {
        for (HeaderName h : REGISTRY) {
            if (h.lower.length() > MAX_LENGTH) throw new ExceptionInInitializerError("raise MAX_LENGTH: " + h);
            int k = bucket(h.lower.length(), h.lower.charAt(0));
            HeaderName[] old = BUCKETS[k];
            HeaderName[] now = old == null ? new HeaderName[1] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = h;
            BUCKETS[k] = now;
            if (h.compact != 0) COMPACT[h.compact & 31] = h;
        }
    }

    private static int bucket(int len, int first) {
        return len * 32 + (first & 31);
    }

    private final String name;
    private final String lower;
    private final char compact;
    private final byte[] lowerBytes;
    private final byte[] nameBytes;
    private final boolean registered;

    /** The {@link HeaderIndex} slot of this name, or -1 when messages do not index it. */
    final int slot;

    private HeaderName(String name, char compact, boolean registered) {
        this.name = name;
        this.lower = name.toLowerCase(Locale.ROOT);
        this.compact = compact;
        this.lowerBytes = lower.getBytes(StandardCharsets.UTF_8);
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
        this.registered = registered;
        this.slot = registered ? indexSlot(lower) : -1;
    }

    private static int indexSlot(String lower) {
        return switch (lower) {
            case "via" -> HeaderIndex.VIA;
            case "from" -> HeaderIndex.FROM;
            case "to" -> HeaderIndex.TO;
            case "call-id" -> HeaderIndex.CALL_ID;
            case "cseq" -> HeaderIndex.CSEQ;
            case "max-forwards" -> HeaderIndex.MAX_FORWARDS;
            case "route" -> HeaderIndex.ROUTE;
            default -> -1;
        };
    }

    private static HeaderName register(String name, char compact) {
        HeaderName h = new HeaderName(name, compact, true);
        REGISTRY.add(h);
        return h;
    }

    /** The registered name whose long or compact form is spelled by the bytes, case-insensitively; or null. */
    public static HeaderName lookup(byte[] buf, int off, int len) {
        if (len <= 0 || len > MAX_LENGTH) return null;
        int first = buf[off];
        if (len == 1) {
            HeaderName h = COMPACT[first & 31];
            return h != null && (first | 0x20) == h.compact ? h : null;
        }
        HeaderName[] candidates = BUCKETS[bucket(len, first)];
        if (candidates == null) return null;
        for (HeaderName h : candidates) {
            if (h.matches(buf, off, len)) return h;
        }
        return null;
    }

    private boolean matches(byte[] buf, int off, int len) {
        byte[] l = lowerBytes;
        if (l.length != len) return false;
        // most senders spell names as registered ("Call-ID", "CSeq"): one vectorised compare settles those
        if (Arrays.equals(nameBytes, 0, len, buf, off, off + len)) return true;
        for (int i = 0; i < len; i++) {
            int c = buf[off + i];
            if (c >= 'A' && c <= 'Z') c |= 0x20;
            if (c != l[i]) return false;
        }
        return true;
    }

    /** The registered name for {@code name} (long or compact form, any case), or a new unregistered name. */
    public static HeaderName of(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        HeaderName h = lookup(b, 0, b.length);
        return h != null ? h : new HeaderName(name, (char) 0, false);
    }

    /** The canonical long form (for a registered name) or the name as received (for an unknown one). */
    public String name() {
        return name;
    }

    /** The compact form (RFC 3261 §7.3.3), or 0 when there is none. */
    public char compactForm() {
        return compact;
    }

    public boolean isRegistered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        // registered names are unique instances (lookup and of() return the constant): two different ones differ
        return o instanceof HeaderName h && !(registered && h.registered) && h.lower.equals(lower);
    }

    @Override
    public int hashCode() {
        return lower.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
