package io.siplane.sip.message;

import java.nio.charset.StandardCharsets;

/** {@code Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF} plus headers and body (RFC 3261 §7.2). */
public final class SipResponse extends SipMessage {
    private final int status;
    private final String reason;

    private SipResponse(int status, String reason, HeaderField[] fields, byte[] body) {
        super(fields, body);
        this.status = status;
        this.reason = reason;
    }

    /** A response as a parser read it. For parsers: no Content-Length is added or corrected. */
    public static SipResponse fromWire(int status, String reason, HeaderField[] fields, byte[] body) {
        return new SipResponse(status, reason, fields, body);
    }

    public static Builder builder(int status) {
        return new Builder(status, StatusCodes.reasonPhrase(status));
    }

    /**
     * A response to {@code request} per RFC 3261 §8.2.6.2: Via fields copied in order and unchanged, From,
     * To, Call-ID and CSeq copied; a 100 also copies Timestamp (§8.2.6.1). Add a To tag with
     * {@link Builder#toTag(String)} where the response needs one.
     */
    public static Builder forRequest(SipRequest request, int status) {
        Builder b = builder(status);
        for (HeaderField f : request.fields) {
            HeaderName n = f.name();
            if (n == HeaderName.VIA
                    || n == HeaderName.FROM
                    || n == HeaderName.TO
                    || n == HeaderName.CALL_ID
                    || n == HeaderName.CSEQ
                    || (status == 100 && n == HeaderName.TIMESTAMP)) {
                b.add(f);
            }
        }
        return b;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** 1 to 6: the first digit of the status code. */
    public int statusClass() {
        return status / 100;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isFinal() {
        return status >= 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + status + ' ' + reason;
    }

    @Override
    byte[] startLineBytes() {
        return startLine().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds responses; see {@link SipMessage.Builder}. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private int status;
        private String reason;

        Builder(int status, String reason) {
            status(status);
            this.reason = reason;
        }

        Builder(SipResponse r) {
            super(r);
            this.status = r.status;
            this.reason = r.reason;
        }

        public Builder status(int s) {
            if (s < 100 || s > 699) throw new IllegalArgumentException("status code out of range: " + s);
            this.status = s;
            return this;
        }

        public Builder reason(String r) {
            for (int i = 0; i < r.length(); i++) {
                if (r.charAt(i) == '\r' || r.charAt(i) == '\n') throw new IllegalArgumentException("line break");
            }
            this.reason = r;
            return this;
        }

        /** Adds {@code tag} to the To header unless it already has one (RFC 3261 §8.2.6.2). */
        public Builder toTag(String tag) {
            String to = header(HeaderName.TO);
            if (to == null) return this;
            NameAddress na = NameAddress.parse(to);
            if (na.tag() == null) set(HeaderName.TO, na.withTag(tag).toString());
            return this;
        }

        public SipResponse build() {
            return new SipResponse(status, reason, finishFields(), body);
        }
    }
}
