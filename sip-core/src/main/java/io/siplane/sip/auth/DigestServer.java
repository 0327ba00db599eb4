package io.siplane.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The challenging side of Digest (RFC 3261 §22.2 for a registrar or UAS answering 401, §22.3 for a
 * proxy or B2BUA answering 407): issues challenges and verifies the credentials that come back.
 *
 * <p>Nonces are stateless ({@link StatelessNonce}): any instance configured with the same realm and
 * secret key verifies any other's nonce, so challenges and retries may land on different instances.
 * Replays within one instance are caught by a {@link NonceCountTracker}; across instances only the
 * nonce lifetime bounds them.
 *
 * <p>Nothing here logs, and nothing returned holds a password or HA1. Thread-safe.
 */
public final class DigestServer {

    /** RFC 7616 §5.5 leaves the nonce lifetime to the server; five minutes outlasts SIP retries. */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);

    /**
     * Offered by default, in this order: RFC 8760 §2.4 asks for challenges in order of preference,
     * SHA-256 first, with MD5 kept only for clients that have nothing else.
     */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS =
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /** Shortest secret key accepted: 128 bits. */
    public static final int MIN_SECRET_KEY_BYTES = 16;

    private final String realm;
    private final StatelessNonce nonces;
    private final Duration nonceLifetime;
    private final Clock clock;
    private final List<DigestAlgorithm> algorithms;
    private final boolean acceptResponsesWithoutQop;
    private final NonceCountTracker nonceCounts;
    private final SecureRandom random;
    /** HA1 used for unknown users, so they cost the same work as known ones (no timing oracle). */
    private final Map<DigestAlgorithm, String> decoyHa1 = new EnumMap<>(DigestAlgorithm.class);

    private DigestServer(Builder b) {
        this.realm = b.realm;
        this.nonces = new StatelessNonce(b.secretKey, b.realm);
        this.nonceLifetime = b.nonceLifetime;
        this.clock = b.clock;
        this.algorithms = List.copyOf(b.algorithms);
        this.acceptResponsesWithoutQop = b.acceptResponsesWithoutQop;
        this.nonceCounts = b.nonceCounts;
        this.random = b.random;
        byte[] decoySecret = new byte[16];
        random.nextBytes(decoySecret);
        for (DigestAlgorithm algorithm : algorithms) {
            decoyHa1.put(algorithm.base(), algorithm.base().hash(HexFormat.of().formatHex(decoySecret)));
        }
    }

    /**
     * Starts configuring a server.
     *
     * @param realm the protection space, e.g. the SIP domain (RFC 3261 §22.1); compared exactly
     * @param secretKey at least {@link #MIN_SECRET_KEY_BYTES} random bytes, shared by all instances
     *     that must verify each other's nonces; copied
     */
    public static Builder builder(String realm, byte[] secretKey) {
        return new Builder(realm, secretKey);
    }

    /** The realm challenged for. */
    public String realm() {
        return realm;
    }

    /**
     * Fresh challenges, one per configured algorithm in order of preference, all with {@code
     * qop="auth"} and one new nonce. Send each as its own WWW-Authenticate (401) or Proxy-Authenticate
     * (407) header field: RFC 3261 §7.3.1 forbids combining them into one.
     *
     * @param stale true after a {@link DigestVerification.Outcome#STALE} result, so the client retries
     *     without prompting for a password
     */
    public List<String> challenges(boolean stale) {
        List<String> values = new ArrayList<>(algorithms.size());
        for (DigestChallenge challenge : newChallenges(stale)) {
            values.add(challenge.toHeaderValue());
        }
        return values;
    }

    /** As {@link #challenges(boolean)}, as objects. */
    public List<DigestChallenge> newChallenges(boolean stale) {
        String nonce = nonces.issue(clock.instant(), random);
        List<DigestChallenge> challenges = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm algorithm : algorithms) {
            challenges.add(DigestChallenge.builder(realm, nonce)
                    .algorithm(algorithm)
                    .qopOptions(DigestCalculator.QOP_AUTH)
                    .stale(stale)
                    .build());
        }
        return challenges;
    }

    /**
     * Verifies an Authorization or Proxy-Authorization value.
     *
     * @param method the request method, as in the request line
     * @param credentialsValue the header field value; malformed input gives {@code INVALID}, never an
     *     exception
     * @param lookup finds the user's HA1 values; only called once the cheap checks pass
     */
    public DigestVerification verify(String method, String credentialsValue, Ha1Lookup lookup) {
        Optional<DigestCredentials> credentials = DigestCredentials.parse(credentialsValue);
        if (credentials.isEmpty()) {
            return DigestVerification.invalid("malformed credentials");
        }
        return verify(method, credentials.get(), lookup);
    }

    /** As {@link #verify(String, String, Ha1Lookup)}, for credentials already parsed. */
    public DigestVerification verify(String method, DigestCredentials credentials, Ha1Lookup lookup) {
        Precheck precheck = precheck(credentials);
        if (precheck.failure != null) {
            return precheck.failure;
        }
        Optional<StoredCredentials> stored = lookup.find(credentials.username(), credentials.realm());
        return verifyDigest(method, credentials, precheck, stored);
    }

    /**
     * As {@link #verify(String, String, Ha1Lookup)}, with the user looked up by the caller (for
     * asynchronous stores: parse, look up {@link DigestCredentials#username()}, then call this).
     *
     * @param stored the user's credentials, or empty when the user is unknown
     */
    public DigestVerification verify(String method, DigestCredentials credentials, Optional<StoredCredentials> stored) {
        Precheck precheck = precheck(credentials);
        if (precheck.failure != null) {
            return precheck.failure;
        }
        return verifyDigest(method, credentials, precheck, stored);
    }

    /** Result of the checks that need no user data: either a failure or what the digest check needs. */
    private record Precheck(DigestVerification failure, DigestAlgorithm algorithm, Instant issuedAt) {
        static Precheck fail(String reason) {
            return new Precheck(DigestVerification.invalid(reason), null, null);
        }
    }

    private Precheck precheck(DigestCredentials c) {
        if (!realm.equals(c.realm())) {
            return Precheck.fail("realm not served here");
        }
        Optional<DigestAlgorithm> algorithm = c.algorithm();
        if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
            return Precheck.fail("algorithm not offered");
        }
        if (c.userhash()) {
            return Precheck.fail("userhash not offered");
        }
        if (c.qop().isPresent()) {
            if (!DigestCalculator.QOP_AUTH.equalsIgnoreCase(c.qop().get())) {
                return Precheck.fail("qop not offered"); // auth-int included: it needs the body
            }
            if (c.cnonce().isEmpty() || c.nonceCount().isEmpty()) {
                return Precheck.fail("qop without cnonce or nc"); // RFC 7616 §3.4
            }
        } else if (!acceptResponsesWithoutQop) {
            return Precheck.fail("qop missing");
        } else if (algorithm.get().isSession() && c.cnonce().isEmpty()) {
            return Precheck.fail("session algorithm without cnonce");
        }
        if (!algorithm.get().isDigestHex(c.response())) {
            return Precheck.fail("response is not a digest");
        }
        Optional<Instant> issuedAt = nonces.issuedAt(c.nonce());
        if (issuedAt.isEmpty()) {
            return Precheck.fail("nonce not issued here"); // forged, altered or for another realm
        }
        return new Precheck(null, algorithm.get(), issuedAt.get());
    }

    private DigestVerification verifyDigest(
            String method, DigestCredentials c, Precheck precheck, Optional<StoredCredentials> stored) {
        DigestAlgorithm algorithm = precheck.algorithm;
        Optional<String> ha1 = stored.filter(
                        s -> s.username().equals(c.username()) && s.realm().equals(realm))
                .flatMap(s -> s.ha1(algorithm));
        // An unknown user (or one without HA1 for this algorithm) is checked against a decoy so the
        // answer and the time it takes match a wrong password: no user enumeration.
        String expected = DigestCalculator.response(
                algorithm,
                ha1.orElse(decoyHa1.get(algorithm.base())),
                c.nonce(),
                c.nonceCount().orElse(null),
                c.cnonce().orElse(null),
                c.qop().orElse(null),
                method,
                c.uri());
        boolean matches = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                AuthParams.lower(c.response()).getBytes(StandardCharsets.US_ASCII));
        if (!matches || ha1.isEmpty()) {
            return DigestVerification.invalid("credentials do not match");
        }
        // RFC 7616 §3.3: stale only once the digest is known to be right, so a client with a wrong
        // password is not invited to retry silently.
        Instant now = clock.instant();
        Instant expiresAt = precheck.issuedAt.plus(nonceLifetime);
        if (!now.isBefore(expiresAt)) {
            return DigestVerification.stale(c, algorithm, "nonce expired");
        }
        if (c.qop().isEmpty()) {
            // RFC 2069 form: no nonce-count, so only the nonce lifetime limits replay.
            return DigestVerification.ok(c, algorithm);
        }
        long nc = c.nonceCountValue().getAsLong();
        return switch (nonceCounts.record(c.nonce(), nc, precheck.issuedAt, expiresAt, now)) {
            case ACCEPTED -> DigestVerification.ok(c, algorithm);
            case REPLAYED -> DigestVerification.replay(c, algorithm);
            case FORGOTTEN -> DigestVerification.stale(c, algorithm, "nonce history evicted");
        };
    }

    /** Configures a {@link DigestServer}. */
    public static final class Builder {
        private final String realm;
        private final byte[] secretKey;
        private Duration nonceLifetime = DEFAULT_NONCE_LIFETIME;
        private Clock clock = Clock.systemUTC();
        private List<DigestAlgorithm> algorithms = DEFAULT_ALGORITHMS;
        private boolean acceptResponsesWithoutQop;
        private NonceCountTracker nonceCounts;
        private SecureRandom random;

        private Builder(String realm, byte[] secretKey) {
            this.realm = AuthParams.requireWritable("realm", realm);
            Objects.requireNonNull(secretKey, "secretKey");
            if (secretKey.length < MIN_SECRET_KEY_BYTES) {
                throw new IllegalArgumentException("secret key must have at least " + MIN_SECRET_KEY_BYTES + " bytes");
            }
            this.secretKey = secretKey.clone();
        }

        /** How long a nonce is accepted; {@link #DEFAULT_NONCE_LIFETIME} unless set. */
        public Builder nonceLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("nonce lifetime must be positive");
            }
            this.nonceLifetime = lifetime;
            return this;
        }

        /** The time source for nonce stamps and expiry; tests pass a fixed or mutable clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The algorithms to offer, most preferred first; {@link #DEFAULT_ALGORITHMS} unless set. */
        public Builder algorithms(List<DigestAlgorithm> algorithms) {
            if (algorithms.isEmpty() || new LinkedHashSet<>(algorithms).size() != algorithms.size()) {
                throw new IllegalArgumentException("algorithms must be non-empty and distinct");
            }
            this.algorithms = List.copyOf(algorithms);
            return this;
        }

        /**
         * Whether to accept RFC 2069-style responses without qop (RFC 3261 §22.4 keeps them for
         * backward compatibility). Off by default: without a nonce-count they can be replayed for the
         * whole nonce lifetime.
         */
        public Builder acceptResponsesWithoutQop(boolean accept) {
            this.acceptResponsesWithoutQop = accept;
            return this;
        }

        /** The replay tracker; a new {@link NonceCountTracker} with its default bound unless set. */
        public Builder nonceCountTracker(NonceCountTracker tracker) {
            this.nonceCounts = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /** The source of nonce randomness; a new {@link SecureRandom} unless set. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public DigestServer build() {
            if (nonceCounts == null) {
                nonceCounts = new NonceCountTracker();
            }
            if (random == null) {
                random = new SecureRandom();
            }
            return new DigestServer(this);
        }
    }
}
