package io.siplane.sip.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Digest challenge: the value of a WWW-Authenticate (401) or Proxy-Authenticate (407) header field,
 * RFC 3261 §20.44, §20.27 and §25.1 {@code digest-cln}, with the RFC 7616 §3.3 additions adopted for
 * SIP by RFC 8760.
 *
 * <p>Immutable. Read one with {@link #parse}, build one with {@link #builder}, write it with {@link
 * #toHeaderValue}. Parameters this class does not model are kept in {@link #otherParams()} and
 * written back.
 */
public final class DigestChallenge {

    /** RFC 7235 §2.1 scheme name, matched without case. */
    public static final String SCHEME = "Digest";

    private static final Set<String> MODELLED =
            Set.of("realm", "nonce", "opaque", "stale", "algorithm", "qop", "domain", "userhash");

    private final String realm;
    private final String nonce;
    private final String opaque;
    private final boolean stale;
    private final String algorithmToken;
    private final List<String> qopOptions;
    private final List<String> domain;
    private final boolean userhash;
    private final Map<String, String> otherParams;

    private DigestChallenge(Builder b) {
        this.realm = b.realm;
        this.nonce = b.nonce;
        this.opaque = b.opaque;
        this.stale = b.stale;
        this.algorithmToken = b.algorithmToken;
        this.qopOptions = List.copyOf(b.qopOptions);
        this.domain = List.copyOf(b.domain);
        this.userhash = b.userhash;
        this.otherParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.otherParams));
    }

    /**
     * Reads a WWW-Authenticate or Proxy-Authenticate value.
     *
     * <p>Lenient where it costs nothing (parameter names and the scheme without case, line folds,
     * unquoted values, a quoted {@code algorithm} or {@code stale}), strict where leniency would hide an
     * attack or a bug (unterminated quoted-strings, repeated parameters, CR/LF in values).
     *
     * @return empty when the value is not a well-formed Digest challenge with a realm and a nonce (RFC
     *     3261 §25.1 and RFC 7616 §3.3 make both mandatory); never throws
     */
    public static Optional<DigestChallenge> parse(String headerValue) {
        Optional<AuthParams.Parsed> parsed = AuthParams.parse(headerValue, SCHEME);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        AuthParams.Parsed p = parsed.get();
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        if (realm == null || nonce == null) {
            return Optional.empty();
        }
        Builder b = new Builder(realm, nonce);
        b.opaque = p.get("opaque");
        // RFC 7616 §3.3: stale is TRUE or FALSE, case-insensitive; anything else means false.
        b.stale = p.isTrue("stale");
        b.algorithmToken = p.get("algorithm");
        b.qopOptions.addAll(splitList(p.get("qop"), ","));
        b.domain.addAll(splitList(p.get("domain"), " "));
        b.userhash = p.isTrue("userhash");
        b.otherParams.putAll(p.others(MODELLED));
        return Optional.of(b.build());
    }

    /** A builder with the two mandatory directives. */
    public static Builder builder(String realm, String nonce) {
        return new Builder(AuthParams.requireWritable("realm", realm), AuthParams.requireWritable("nonce", nonce));
    }

    /**
     * Writes the header field value, e.g. {@code Digest realm="example.com", nonce="...",
     * algorithm=SHA-256, qop="auth"}. Quoting follows RFC 3261 §25.1: realm, domain, nonce, opaque and
     * qop-options quoted; stale and algorithm bare.
     */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(SCHEME).append(' ');
        AuthParams.appendQuoted(out, "realm", realm);
        if (!domain.isEmpty()) {
            AuthParams.appendQuoted(out, "domain", String.join(" ", domain));
        }
        AuthParams.appendQuoted(out, "nonce", nonce);
        if (opaque != null) {
            AuthParams.appendQuoted(out, "opaque", opaque);
        }
        if (stale) {
            AuthParams.appendToken(out, "stale", "TRUE");
        }
        if (algorithmToken != null) {
            // Bare per RFC 3261 §25.1; an odd token read from the wire is quoted so it reads back.
            AuthParams.appendAsNeeded(out, "algorithm", algorithmToken);
        }
        if (!qopOptions.isEmpty()) {
            AuthParams.appendQuoted(out, "qop", String.join(",", qopOptions));
        }
        if (userhash) {
            AuthParams.appendToken(out, "userhash", "true");
        }
        AuthParams.appendOthers(out, otherParams);
        return out.toString();
    }

    /** The protection space the credentials belong to (RFC 3261 §22.1). */
    public String realm() {
        return realm;
    }

    /** The server's nonce, to be echoed in the credentials. */
    public String nonce() {
        return nonce;
    }

    /** The opaque string a client must return unchanged (RFC 7616 §3.3). */
    public Optional<String> opaque() {
        return Optional.ofNullable(opaque);
    }

    /**
     * True when the previous request was refused only because its nonce had expired, so the client may
     * retry with the same password without asking the user again (RFC 7616 §3.3).
     */
    public boolean stale() {
        return stale;
    }

    /**
     * The algorithm: {@link DigestAlgorithm#MD5} when the directive is absent, empty when it names an
     * algorithm this library does not know (RFC 7616 §3.3: such a challenge is to be ignored).
     */
    public Optional<DigestAlgorithm> algorithm() {
        return DigestAlgorithm.fromToken(algorithmToken);
    }

    /** The {@code algorithm} directive exactly as given, empty when absent. */
    public Optional<String> algorithmToken() {
        return Optional.ofNullable(algorithmToken);
    }

    /** The qop-options offered, as written (RFC 3261 §25.1); empty for an RFC 2069-style challenge. */
    public List<String> qopOptions() {
        return qopOptions;
    }

    /** Whether {@code qop=auth} may be used (tokens compare without case, RFC 7616 §3.3). */
    public boolean offersQopAuth() {
        return qopOptions.stream().anyMatch(DigestCalculator.QOP_AUTH::equalsIgnoreCase);
    }

    /** The URIs of the protection space (RFC 7616 §3.3 {@code domain}); empty when absent. */
    public List<String> domain() {
        return domain;
    }

    /** Whether the server supports hashed usernames (RFC 7616 §3.4.4). */
    public boolean userhash() {
        return userhash;
    }

    /** Parameters not modelled here, by name as written, in order (e.g. {@code charset}). */
    public Map<String, String> otherParams() {
        return otherParams;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DigestChallenge)) {
            return false;
        }
        DigestChallenge that = (DigestChallenge) o;
        return stale == that.stale
                && userhash == that.userhash
                && realm.equals(that.realm)
                && nonce.equals(that.nonce)
                && Objects.equals(opaque, that.opaque)
                && Objects.equals(algorithmToken, that.algorithmToken)
                && qopOptions.equals(that.qopOptions)
                && domain.equals(that.domain)
                && otherParams.equals(that.otherParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, nonce, opaque, stale, algorithmToken, qopOptions, domain, userhash);
    }

    /** The header value: a challenge carries nothing secret. */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    private static List<String> splitList(String value, String separator) {
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(separator)) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return items;
    }

    /** Builds a {@link DigestChallenge}; values with control characters are refused. */
    public static final class Builder {
        private final String realm;
        private final String nonce;
        private String opaque;
        private boolean stale;
        private String algorithmToken;
        private final List<String> qopOptions = new ArrayList<>();
        private final List<String> domain = new ArrayList<>();
        private boolean userhash;
        private final Map<String, String> otherParams = new LinkedHashMap<>();

        private Builder(String realm, String nonce) {
            this.realm = realm;
            this.nonce = nonce;
        }

        public Builder opaque(String opaque) {
            this.opaque = AuthParams.requireWritable("opaque", opaque);
            return this;
        }

        public Builder stale(boolean stale) {
            this.stale = stale;
            return this;
        }

        /** Sets the algorithm directive; RFC 8760 §2.1 asks servers to always name it. */
        public Builder algorithm(DigestAlgorithm algorithm) {
            this.algorithmToken = algorithm.token();
            return this;
        }

        /** Sets the qop-options, e.g. {@code "auth"}; each must be a token. */
        public Builder qopOptions(String... options) {
            qopOptions.clear();
            Arrays.stream(options).forEach(o -> qopOptions.add(AuthParams.requireToken("qop", o)));
            return this;
        }

        /** Sets the protection-space URIs, written space-separated. */
        public Builder domain(List<String> uris) {
            domain.clear();
            for (String uri : uris) {
                if (AuthParams.requireWritable("domain", uri).isBlank() || uri.contains(" ")) {
                    throw new IllegalArgumentException("domain URI must be non-blank without spaces");
                }
                domain.add(uri);
            }
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

        public DigestChallenge build() {
            return new DigestChallenge(this);
        }
    }
}
