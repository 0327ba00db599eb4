package io.siplane.sip.message;

import io.siplane.sip.message.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code Request-Line = Method SP Request-URI SP SIP-Version CRLF} plus headers and body (RFC 3261 §7.1). */
public final class SipRequest extends SipMessage {
    private final SipMethod method;
    private final Uri requestUri;

    private SipRequest(SipMethod method, Uri requestUri, HeaderField[] fields, byte[] body) {
        super(fields, body);
        this.method = method;
        this.requestUri = requestUri;
    }

    /**
     * A request as a parser read it: fields and body as received. For parsers: no Content-Length is added or
     * corrected.
     */
    public static SipRequest fromWire(SipMethod method, Uri requestUri, HeaderField[] fields, byte[] body) {
        return new SipRequest(method, requestUri, fields, body);
    }

    public static Builder builder(SipMethod method, Uri requestUri) {
        return new Builder(method, requestUri);
    }

    public SipMethod method() {
        return method;
    }

    public Uri requestUri() {
        return requestUri;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String startLine() {
        return method.name() + ' ' + requestUri + " SIP/2.0";
    }

    @Override
    byte[] startLineBytes() {
        return startLine().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds requests; see {@link SipMessage.Builder}. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private SipMethod method;
        private Uri requestUri;

        Builder(SipMethod method, Uri requestUri) {
            this.method = Objects.requireNonNull(method, "method");
            this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
        }

        Builder(SipRequest r) {
            super(r);
            this.method = r.method;
            this.requestUri = r.requestUri;
        }

        public Builder method(SipMethod m) {
            this.method = Objects.requireNonNull(m);
            return this;
        }

        public Builder requestUri(Uri uri) {
            this.requestUri = Objects.requireNonNull(uri);
            return this;
        }

        public SipRequest build() {
            return new SipRequest(method, requestUri, finishFields(), body);
        }
    }
}
