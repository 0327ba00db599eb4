package io.siplane.sip.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Digest credentials: the value of an Authorization or Proxy-Authorization header field, RFC 3261
 * §20.7, §20.28 and §25.1 {@code digest-response}, with the RFC 7616 §3.4 additions adopted for SIP
 * by RFC 8760.
 *
 * <p>Immutable. Values are kept exactly as received (the response digest covers them as sent); typed
 * views such as {@link #algorithm()} and {@link #nonceCountValue()} are derived. {@link #toString()}
 * hides the response so the value can be logged without handing out an offline-crackable hash.
 */
public final class DigestCredentials {

    /** RFC 7235 §2.1 scheme name, matched without case. */
    public static final String SCHEME = "Digest";

    /** RFC 3261 §25.1: nc-value = 8LHEX. */
    public static final int NONCE_COUNT_DIGITS = 8;

    /** Highest nonce-count that fits in 8 hex digits. */
    public static final long MAX_NONCE_COUNT = 0xffff_ffffL;

    private static final Set<String> MODELLED = Set.of(
            "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc", "userhash");

    private final String username;
    private final String realm;
    private final String nonce;
    private final String uri;
    private final String response;
    private final String algorithmToken;
    private final String cnonce;
    private final String opaque;
    private final String qop;
    private final String nonceCount;
    private final boolean userhash;
    private final Map<String, String> otherParams;

    private DigestCredentials(Builder b) {
        this.username = b.username;
        this.realm = b.realm;
        this.nonce = b.nonce;
        this.uri = b.uri;
        this.response = b.response;
        this.algorithmToken = b.algorithmToken;
        this.cnonce = b.cnonce;
        this.opaque = b.opaque;
        this.qop = b.qop;
        this.nonceCount = b.nonceCount;
        this.userhash = b.userhash;
        this.otherParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.otherParams));
    }

    /**
     * Reads an Authorization or Proxy-Authorization value.
     *
     * <p>Lenient where it costs nothing (parameter names and the scheme without case, line folds,
     * quoted or bare values, e.g. {@code qop="auth"} or {@code nonce=abc}), strict where leniency would
     * hide an attack or a bug (unterminated quoted-strings, repeated parameters, CR/LF in values, an
     * {@code nc} that is not 8 hex digits).
     *
     * @return empty unless the value is a well-formed Digest response carrying username, realm, nonce,
     *     uri and response (RFC 3261 §22.4 needs all five to check it); never throws. Another scheme,
     *     such as RFC 4475 §3.3.7's {@code NoOneKnowsThisScheme opaque-data=here}, is empty too.
     */
    public static Optional<DigestCredentials> parse(String headerValue) {
        Optional<AuthParams.Parsed> parsed = AuthParams.parse(headerValue, SCHEME);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        AuthParams.Parsed p = parsed.get();
        Builder b = new Builder(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"), p.get("response"));
        if (b.username == null || b.realm == null || b.nonce == null || b.uri == null || b.response == null) {
            return Optional.empty();
        }
        String nc = p.get("nc");
        if (nc != null && !isNonceCount(nc)) {
            return Optional.empty();
        }
        b.nonceCount = nc;
        b.algorithmToken = p.get("algorithm");
        b.cnonce = p.get("cnonce");
        b.opaque = p.get("opaque");
        b.qop = p.get("qop");
        b.userhash = p.isTrue("userhash");
        b.otherParams.putAll(p.others(MODELLED));
        return Optional.of(b.build());
    }

    /** A builder with the five directives every Digest response carries. */
    public static Builder builder(String username, String realm, String nonce, String uri, String response) {
        return new Builder(
                AuthParams.requireWritable("username", username),
                AuthParams.requireWritable("realm", realm),
                AuthParams.requireWritable("nonce", nonce),
                AuthParams.requireWritable("uri", uri),
                AuthParams.requireWritable("response", response));
    }

    /**
     * Writes the header field value. Quoting follows RFC 3261 §25.1 (username, realm, nonce, uri,
     * response, cnonce and opaque quoted; algorithm, qop and nc bare), which RFC 7616 §3.4 repeats.
     */
    public String toHeaderValue() {
        return write(response);
    }

    private String write(String shownResponse) {
        StringBuilder out = new StringBuilder(SCHEME).append(' ');
        AuthParams.appendQuoted(out, "username", username);
        AuthParams.appendQuoted(out, "realm", realm);
        AuthParams.appendQuoted(out, "nonce", nonce);
        AuthParams.appendQuoted(out, "uri", uri);
        AuthParams.appendQuoted(out, "response", shownResponse);
        if (algorithmToken != null) {
            AuthParams.appendAsNeeded(out, "algorithm", algorithmToken);
        }
        if (cnonce != null) {
            AuthParams.appendQuoted(out, "cnonce", cnonce);
        }
        if (opaque != null) {
            AuthParams.appendQuoted(out, "opaque", opaque);
        }
        if (qop != null) {
            AuthParams.appendAsNeeded(out, "qop", qop);
        }
        if (nonceCount != null) {
            AuthParams.appendToken(out, "nc", nonceCount);
        }
        if (userhash) {
            AuthParams.appendToken(out, "userhash", "true");
        }
        AuthParams.appendOthers(out, otherParams);
        return out.toString();
    }

    /** The username, or its RFC 7616 §3.4.4 hash when {@link #userhash()} is true. */
    public String username() {
        return username;
    }

    public String realm() {
        return realm;
    }

    public String nonce() {
        return nonce;
    }

    /** The digest-uri: the Request-URI as the client saw it (RFC 3261 §22.4). */
    public String uri() {
        return uri;
    }

    /** The request-digest as sent. */
    public String response() {
        return response;
    }

    /**
     * The algorithm: {@link DigestAlgorithm#MD5} when the directive is absent, empty when it names an
     * algorithm this library does not know.
     */
    public Optional<DigestAlgorithm> algorithm() {
        return DigestAlgorithm.fromToken(algorithmToken);
    }

    /** The {@code algorithm} directive exactly as given, empty when absent. */
    public Optional<String> algorithmToken() {
        return Optional.ofNullable(algorithmToken);
    }

    public Optional<String> cnonce() {
        return Optional.ofNullable(cnonce);
    }

    public Optional<String> opaque() {
        return Optional.ofNullable(opaque);
    }

    /** The message-qop as sent (e.g. {@code auth}); empty for an RFC 2069-style response. */
    public Optional<String> qop() {
        return Optional.ofNullable(qop);
    }

    /** The nonce-count exactly as sent (8 hex digits), which is what the response digest covers. */
    public Optional<String> nonceCount() {
        return Optional.ofNullable(nonceCount);
    }

    /** The nonce-count as a number. */
    public OptionalLong nonceCountValue() {
        return nonceCount == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(nonceCount, 16));
    }

    /** Whether {@link #username()} is the RFC 7616 §3.4.4 hash rather than the name itself. */
    public boolean userhash() {
        return userhash;
    }

    /** Parameters not modelled here, by name as written, in order. */
    public Map<String, String> otherParams() {
        return otherParams;
    }

    /** Formats a nonce-count as RFC 3261 §25.1 writes it: 8 lowercase hex digits. */
    public static String formatNonceCount(long count) {
        if (count < 1 || count > MAX_NONCE_COUNT) {
            throw new IllegalArgumentException("nonce-count out of range: " + count);
        }
        return String.format("%08x", count);
    }

    static boolean isNonceCount(String nc) {
        if (nc.length() != NONCE_COUNT_DIGITS) {
            return false;
        }
        for (int i = 0; i < nc.length(); i++) {
            if (Character.digit(nc.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DigestCredentials)) {
            return false;
        }
        DigestCredentials that = (DigestCredentials) o;
        return userhash == that.userhash
                && username.equals(that.username)
                && realm.equals(that.realm)
                && nonce.equals(that.nonce)
                && uri.equals(that.uri)
                && response.equals(that.response)
                && Objects.equals(algorithmToken, that.algorithmToken)
                && Objects.equals(cnonce, that.cnonce)
                && Objects.equals(opaque, that.opaque)
                && Objects.equals(qop, that.qop)
                && Objects.equals(nonceCount, that.nonceCount)
                && otherParams.equals(that.otherParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, realm, nonce, uri, response, cnonce, nonceCount);
    }

    /** The header value with the response digest replaced, safe for logs. */
    @Override
    public String toString() {
        return write("<hidden>");
    }

    /** Builds {@link DigestCredentials}; values with control characters are refused. */
    public static final class Builder {
        private final String username;
        private final String realm;
        private final String nonce;
        private final String uri;
        private final String response;
        private String algorithmToken;
        private String cnonce;
        private String opaque;
        private String qop;
        private String nonceCount;
        private boolean userhash;
        private final Map<String, String> otherParams = new LinkedHashMap<>();

        private Builder(String username, String realm, String nonce, String uri, String response) {
            this.username = username;
            this.realm = realm;
            this.nonce = nonce;
            this.uri = uri;
            this.response = response;
        }

        public Builder algorithm(DigestAlgorithm algorithm) {
            this.algorithmToken = algorithm.token();
            return this;
        }

        public Builder cnonce(String cnonce) {
            this.cnonce = AuthParams.requireWritable("cnonce", cnonce);
            return this;
        }

        public Builder opaque(String opaque) {
            this.opaque = AuthParams.requireWritable("opaque", opaque);
            return this;
        }

        /** Sets the message-qop; a token such as {@code auth}. */
        public Builder qop(String qop) {
            this.qop = AuthParams.requireToken("qop", qop);
            return this;
        }

        /** Sets the nonce-count, written as 8 hex digits. */
        public Builder nonceCount(long count) {
            this.nonceCount = formatNonceCount(count);
            return this;
        }

        public Builder userhash(boolean userhash) {
            this.userhash = userhash;
            return this;
        }

        /** Adds a parameter this class does not model; it is quoted on output unless it is a token. */
        public Builder otherParam(String name, String value) {
            AuthParams.putOther(otherParams, MODELLED, name, value);
            return this;
        }

        public DigestCredentials build() {
            return new DigestCredentials(this);
        }
    }
}
