package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A SIP request or response (RFC 3261 §7): start line, ordered header fields, body. Immutable; build changed
 * copies with {@link #toBuilder()}.
 *
 * <p>Typed accessors parse on first use and cache the result. The parser calls the accessors of the headers
 * RFC 3261 cannot do without (Via, From, To, Call-ID, CSeq, Max-Forwards) before it hands a message out, so
 * on a parsed message those never throw; any other typed accessor throws {@link SipParseException} when its
 * header is malformed, and the raw value stays available through {@link #header(HeaderName)}.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    static final byte[] NO_BODY = new byte[0];
    static final byte[] CRLF = {'\r', '\n'};

    final HeaderField[] fields;
    final byte[] body;
    /** Where Via, From, To, Call-ID, CSeq, Max-Forwards and Route sit in {@link #fields}. */
    private final HeaderIndex index;

    private List<Via> vias;
    private NameAddress from;
    private NameAddress to;
    private String callId;
    private CSeq cseq;
    private int maxForwards = Integer.MIN_VALUE;

    SipMessage(HeaderField[] fields, byte[] body) {
        this.fields = fields;
        this.body = body;
        this.index = new HeaderIndex(fields);
    }

    public abstract boolean isRequest();

    /** The start line without CRLF, e.g. {@code INVITE sip:bob@biloxi.com SIP/2.0}. */
    public abstract String startLine();

    public abstract Builder<?> toBuilder();

    // ---- generic header access -------------------------------------------------------------------------

    /** Every header field in message order. */
    public List<HeaderField> headers() {
        return Collections.unmodifiableList(Arrays.asList(fields));
    }

    /** The first field named {@code name}, or null. */
    public HeaderField field(HeaderName name) {
        if (name.slot >= 0) {
            int i = index.first(name.slot);
            return i < 0 ? null : fields[i];
        }
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) return f;
        }
        return null;
    }

    /** The value of the first field named {@code name}, or null. */
    public String header(HeaderName name) {
        HeaderField f = field(name);
        return f == null ? null : f.value();
    }

    public String header(String name) {
        return header(HeaderName.of(name));
    }

    /** The values of every field named {@code name}, one per field (not split at commas). */
    public List<String> headerValues(HeaderName name) {
        List<String> out = new ArrayList<>(2);
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) out.add(f.value());
        }
        return out;
    }

    /** The comma-separated elements of every field named {@code name}, in order. */
    public List<String> headerElements(HeaderName name) {
        List<String> out = new ArrayList<>(2);
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) out.addAll(HeaderValues.split(f.value()));
        }
        return out;
    }

    public int headerCount(HeaderName name) {
        if (name.slot >= 0) return index.count(name.slot);
        int n = 0;
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) n++;
        }
        return n;
    }

    public boolean hasHeader(HeaderName name) {
        return field(name) != null;
    }

    private String single(HeaderName name) {
        if (name.slot >= 0) {
            int n = index.count(name.slot);
            if (n > 1) throw new SipParseException("more than one " + name + " header");
            return n == 0 ? null : fields[index.first(name.slot)].value();
        }
        HeaderField found = null;
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) {
                if (found != null) throw new SipParseException("more than one " + name + " header");
                found = f;
            }
        }
        return found == null ? null : found.value();
    }

    private String required(HeaderName name) {
        String v = single(name);
        if (v == null) throw new SipParseException("missing " + name + " header");
        return v;
    }

    // ---- the headers every element needs (RFC 3261 §8.1.1) ---------------------------------------------

    /** Every via-parm of every Via field, top first. */
    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            List<Via> out = new ArrayList<>(2);
            int left = index.count(HeaderIndex.VIA);
            for (int i = index.first(HeaderIndex.VIA); left > 0; i++) {
                HeaderField f = fields[i];
                if (f.name() == HeaderName.VIA) {
                    Via.parseInto(f.value(), out);
                    left--;
                }
            }
            if (out.isEmpty()) throw new SipParseException("missing Via header");
            vias = v = Collections.unmodifiableList(out);
        }
        return v;
    }

    public Via topVia() {
        return vias().get(0);
    }

    public NameAddress from() {
        NameAddress v = from;
        if (v == null) from = v = NameAddress.parse(required(HeaderName.FROM));
        return v;
    }

    public NameAddress to() {
        NameAddress v = to;
        if (v == null) to = v = NameAddress.parse(required(HeaderName.TO));
        return v;
    }

    public String callId() {
        String v = callId;
        if (v == null) {
            v = required(HeaderName.CALL_ID);
            checkCallId(v);
            callId = v;
        }
        return v;
    }

    /** {@code callid = word [ "@" word ]} (RFC 3261 §25.1). */
    private static void checkCallId(String v) {
        if (v.isEmpty()) throw new SipParseException("empty Call-ID");
        int at = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '@' && at < 0 && i > 0) at = i;
            else if (!SipChars.isWord(c)) throw new SipParseException("bad character in Call-ID: " + v);
        }
        if (at == v.length() - 1) throw new SipParseException("bad Call-ID: " + v);
    }

    public CSeq cseq() {
        CSeq v = cseq;
        if (v == null) cseq = v = CSeq.parse(required(HeaderName.CSEQ));
        return v;
    }

    /** Max-Forwards (RFC 3261 §20.22, 0–255), or -1 when absent (RFC 2543 peers, RFC 4475 §3.4.1). */
    public int maxForwards() {
        int v = maxForwards;
        if (v == Integer.MIN_VALUE) {
            String s = single(HeaderName.MAX_FORWARDS);
            if (s == null) v = -1;
            else {
                long n = DeltaSeconds.parseSaturating(s);
                if (n > 255) throw new SipParseException("Max-Forwards above 255: " + s);
                v = (int) n;
            }
            maxForwards = v;
        }
        return v;
    }

    // ---- other typed headers ----------------------------------------------------------------------------

    public List<NameAddress> routes() {
        return nameAddresses(HeaderName.ROUTE);
    }

    public List<NameAddress> recordRoutes() {
        return nameAddresses(HeaderName.RECORD_ROUTE);
    }

    /** RFC 3327 Path. */
    public List<NameAddress> paths() {
        return nameAddresses(HeaderName.PATH);
    }

    /** Contact values; empty when absent or when the Contact is {@code *} (see {@link #isWildcardContact()}). */
    public List<NameAddress> contacts() {
        if (isWildcardContact()) return List.of();
        return nameAddresses(HeaderName.CONTACT);
    }

    /** RFC 3261 §10.2.2: {@code Contact: *} removes every binding. */
    public boolean isWildcardContact() {
        for (HeaderField f : fields) {
            if (f.name() == HeaderName.CONTACT && f.value().equals("*")) return true;
        }
        return false;
    }

    public List<NameAddress> nameAddresses(HeaderName name) {
        if (name.slot >= 0 && index.count(name.slot) == 0) return new ArrayList<>(0);
        List<NameAddress> out = new ArrayList<>(2);
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) out.addAll(NameAddress.parseList(f.value()));
        }
        return out;
    }

    /** Content-Type, or null when absent. */
    public MediaType contentType() {
        String v = single(HeaderName.CONTENT_TYPE);
        return v == null ? null : MediaType.parse(v);
    }

    /**
     * A delta-seconds or integer header (Expires, Min-Expires, RSeq, Min-SE without params…), or -1 when
     * absent. Values beyond 2**31-1 saturate.
     */
    public long numericHeader(HeaderName name) {
        String v = single(name);
        return v == null ? -1 : DeltaSeconds.parseSaturating(v);
    }

    /** Option tags of Require, Supported, Unsupported or Proxy-Require, in order (RFC 3261 §20). */
    public List<String> optionTags(HeaderName name) {
        List<String> out = new ArrayList<>(2);
        for (HeaderField f : fields) {
            if (f.name() == name || f.name().equals(name)) {
                if (f.value().isBlank()) continue; // "Supported:" with no tags is allowed (§20.37)
                for (String t : HeaderValues.split(f.value())) out.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Methods named in Allow (RFC 3261 §20.5). */
    public List<SipMethod> allow() {
        List<SipMethod> out = new ArrayList<>();
        for (String s : headerElements(HeaderName.ALLOW)) {
            try {
                out.add(SipMethod.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw new SipParseException("bad method in Allow: " + s);
            }
        }
        return out;
    }

    /** RFC 3515 §2.1 Refer-To, or null when absent. */
    public NameAddress referTo() {
        String v = single(HeaderName.REFER_TO);
        return v == null ? null : NameAddress.parse(v);
    }

    /** RFC 3892 Referred-By, or null when absent. */
    public NameAddress referredBy() {
        String v = single(HeaderName.REFERRED_BY);
        return v == null ? null : NameAddress.parse(v);
    }

    /** RFC 3262 §7.2 RAck, or null when absent. */
    public RAck rack() {
        String v = single(HeaderName.RACK);
        return v == null ? null : RAck.parse(v);
    }

    /** RFC 6665 §8.2.1 Event, or null when absent. */
    public Event event() {
        String v = single(HeaderName.EVENT);
        return v == null ? null : Event.parse(v);
    }

    /** RFC 6665 §8.2.3 Subscription-State, or null when absent. */
    public SubscriptionState subscriptionState() {
        String v = single(HeaderName.SUBSCRIPTION_STATE);
        return v == null ? null : SubscriptionState.parse(v);
    }

    /** RFC 3891 Replaces, or null when absent. */
    public Replaces replaces() {
        String v = single(HeaderName.REPLACES);
        return v == null ? null : Replaces.parse(v);
    }

    /** RFC 4028 §4 Session-Expires, or null when absent. */
    public SessionExpires sessionExpires() {
        String v = single(HeaderName.SESSION_EXPIRES);
        return v == null ? null : SessionExpires.parse(v);
    }

    /** RFC 4028 §5 Min-SE, or null when absent. */
    public MinSe minSe() {
        String v = single(HeaderName.MIN_SE);
        return v == null ? null : MinSe.parse(v);
    }

    /** RFC 3261 §20.33 Retry-After, or null when absent. */
    public RetryAfter retryAfter() {
        String v = single(HeaderName.RETRY_AFTER);
        return v == null ? null : RetryAfter.parse(v);
    }

    // ---- body and encoding ------------------------------------------------------------------------------

    /** A copy of the body (empty array when there is none). */
    public byte[] body() {
        return body.length == 0 ? body : body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    abstract byte[] startLineBytes();

    /** The message as it goes on the wire. */
    public byte[] toBytes() {
        byte[] start = startLineBytes();
        int len = start.length + 2 + 2 + body.length;
        for (HeaderField f : fields) len += f.encodedLength() + 2;
        byte[] out = new byte[len];
        System.arraycopy(start, 0, out, 0, start.length);
        int pos = start.length;
        out[pos++] = '\r';
        out[pos++] = '\n';
        for (HeaderField f : fields) {
            pos = f.encode(out, pos);
            out[pos++] = '\r';
            out[pos++] = '\n';
        }
        out[pos++] = '\r';
        out[pos++] = '\n';
        System.arraycopy(body, 0, out, pos, body.length);
        return out;
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Builds a message. Header order is kept as added; {@code build()} sets exactly one Content-Length that
     * matches the body (RFC 3261 §20.14: mandatory over streams, harmless over UDP).
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        final ArrayList<HeaderField> fields;
        byte[] body = NO_BODY;

        Builder() {
            fields = new ArrayList<>(12);
        }

        Builder(SipMessage m) {
            fields = new ArrayList<>(Arrays.asList(m.fields));
            body = m.body;
        }

        private B self() {
            return (B) this;
        }

        /** Appends a field. */
        public B add(HeaderName name, String value) {
            fields.add(HeaderField.of(name, value));
            return self();
        }

        public B add(String name, String value) {
            return add(HeaderName.of(name), value);
        }

        public B add(HeaderField field) {
            fields.add(field);
            return self();
        }

        /** Inserts a field before the first field of the same name, or at the top when there is none. */
        public B addFirst(HeaderName name, String value) {
            fields.add(Math.max(0, indexOf(name)), HeaderField.of(name, value));
            return self();
        }

        /** Replaces every field named {@code name} by one field, where the first one stood (or at the end). */
        public B set(HeaderName name, String value) {
            int i = indexOf(name);
            remove(name);
            HeaderField f = HeaderField.of(name, value);
            if (i < 0) fields.add(f);
            else fields.add(i, f);
            return self();
        }

        public B remove(HeaderName name) {
            fields.removeIf(f -> f.name().equals(name));
            return self();
        }

        /**
         * Removes the first element of a list header (the top Via, the first Route): the whole first field when
         * it holds one element, else that field rewritten without its first element.
         */
        public B removeFirstValue(HeaderName name) {
            int i = indexOf(name);
            if (i < 0) return self();
            List<String> parts = HeaderValues.split(fields.get(i).value());
            if (parts.size() == 1) fields.remove(i);
            else fields.set(i, HeaderField.of(name, String.join(", ", parts.subList(1, parts.size()))));
            return self();
        }

        /** Replaces the first element of a list header (e.g. the top Via with {@code received} added). */
        public B replaceFirstValue(HeaderName name, String value) {
            int i = indexOf(name);
            if (i < 0) return addFirst(name, value);
            List<String> parts = HeaderValues.split(fields.get(i).value());
            if (parts.size() == 1) fields.set(i, HeaderField.of(name, value));
            else {
                parts = new ArrayList<>(parts);
                parts.set(0, value);
                fields.set(i, HeaderField.of(name, String.join(", ", parts)));
            }
            return self();
        }

        int indexOf(HeaderName name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) return i;
            }
            return -1;
        }

        public String header(HeaderName name) {
            int i = indexOf(name);
            return i < 0 ? null : fields.get(i).value();
        }

        public B body(byte[] b) {
            body = b == null || b.length == 0 ? NO_BODY : b.clone();
            return self();
        }

        /** Sets the body and its Content-Type; an empty body removes Content-Type. */
        public B body(MediaType type, byte[] b) {
            body(b);
            if (body.length == 0) remove(HeaderName.CONTENT_TYPE);
            else set(HeaderName.CONTENT_TYPE, type.toString());
            return self();
        }

        /** The message, with a Content-Length that matches the body. */
        public abstract SipMessage build();

        HeaderField[] finishFields() {
            String len = Integer.toString(body.length);
            HeaderField cl = null;
            for (HeaderField f : fields) {
                if (f.name() == HeaderName.CONTENT_LENGTH) {
                    if (cl != null || !f.value().equals(len)) {
                        set(HeaderName.CONTENT_LENGTH, len);
                        return fields.toArray(new HeaderField[0]);
                    }
                    cl = f;
                }
            }
            if (cl == null) fields.add(HeaderField.of(HeaderName.CONTENT_LENGTH, len));
            return fields.toArray(new HeaderField[0]);
        }
    }
}
