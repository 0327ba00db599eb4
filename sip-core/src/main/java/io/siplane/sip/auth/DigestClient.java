package io.siplane.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answering side of Digest (RFC 3261 §22.2 and §22.3): turns a 401 or 407 challenge into the
 * Authorization or Proxy-Authorization value for the retried request, e.g. a B2BUA authenticating to a
 * trunk.
 *
 * <p>Among several challenges it picks the strongest algorithm it can use (SHA-512-256, then SHA-256,
 * then MD5; the topmost on a tie). RFC 8760 §2.4 has a client take the topmost challenge it supports
 * "unless a local policy dictates otherwise"; preferring strength is that policy, and it also defeats a
 * middlebox that reorders challenges to force MD5.
 *
 * <p>Holds a password or HA1 values: {@link #toString()} shows neither. Thread-safe.
 */
public final class DigestClient {

    /** Bytes of randomness in each cnonce (RFC 7616 §5.12 wants it unpredictable). */
    private static final int CNONCE_BYTES = 16;

    private final String username;
    private final String password;
    private final StoredCredentials stored;
    private final ClientNonceCounter nonceCounter;
    private final SecureRandom random;

    private DigestClient(String username, String password, StoredCredentials stored, ClientNonceCounter nonceCounter) {
        this.username = AuthParams.requireWritable("username", username);
        this.password = password;
        this.stored = stored;
        this.nonceCounter = Objects.requireNonNull(nonceCounter, "nonceCounter");
        this.random = new SecureRandom();
    }

    /** A client that answers any realm with this username and password, with its own nonce counter. */
    public static DigestClient withPassword(String username, String password) {
        return withPassword(username, password, new ClientNonceCounter());
    }

    /** A client that answers any realm with this username and password. */
    public static DigestClient withPassword(String username, String password, ClientNonceCounter nonceCounter) {
        return new DigestClient(username, Objects.requireNonNull(password, "password"), null, nonceCounter);
    }

    /**
     * A client holding HA1 values instead of a password; it answers only challenges for {@code
     * stored.realm()} with an algorithm it has HA1 for.
     */
    public static DigestClient withStoredCredentials(StoredCredentials stored, ClientNonceCounter nonceCounter) {
        return new DigestClient(stored.username(), null, stored, nonceCounter);
    }

    /**
     * The Authorization (or Proxy-Authorization) value answering the best usable challenge.
     *
     * @param challengeValues every WWW-Authenticate (or Proxy-Authenticate) value of the response
     * @param method the method of the request being retried
     * @param requestUri its Request-URI, sent as {@code uri} (RFC 3261 §22.4)
     * @return empty when no challenge is usable: unparseable, an unknown algorithm, only {@code
     *     auth-int}, or (for stored HA1) another realm or algorithm
     */
    public Optional<String> authorization(List<String> challengeValues, String method, String requestUri) {
        return select(challengeValues)
                .flatMap(c -> credentials(c, method, requestUri))
                .map(DigestCredentials::toHeaderValue);
    }

    /** As {@link #authorization(List, String, String)} for a single challenge value. */
    public Optional<String> authorization(String challengeValue, String method, String requestUri) {
        return authorization(List.of(challengeValue), method, requestUri);
    }

    /**
     * The challenge {@link #authorization(List, String, String)} would answer: the usable one with the
     * strongest algorithm, the topmost on a tie.
     */
    public Optional<DigestChallenge> select(List<String> challengeValues) {
        DigestChallenge best = null;
        for (String value : challengeValues) {
            Optional<DigestChallenge> challenge = DigestChallenge.parse(value).filter(this::canAnswer);
            if (challenge.isPresent() && (best == null || preference(challenge.get()) > preference(best))) {
                best = challenge.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Credentials answering {@code challenge}; call again with the same challenge to reuse its nonce
     * for a later request, and the nonce-count goes up by one.
     *
     * @return empty when the challenge cannot be answered (see {@link #authorization(List, String,
     *     String)})
     */
    public Optional<DigestCredentials> credentials(DigestChallenge challenge, String method, String requestUri) {
        if (!canAnswer(challenge)) {
            return Optional.empty();
        }
        DigestAlgorithm algorithm = challenge.algorithm().orElseThrow();
        String ha1 = ha1(challenge.realm(), algorithm).orElseThrow();
        // RFC 7616 §3.4: qop is used whenever offered; without it the RFC 2069 form applies.
        boolean useQop = challenge.offersQopAuth();
        String qop = useQop ? DigestCalculator.QOP_AUTH : null;
        String cnonce = useQop || algorithm.isSession() ? newCnonce() : null;
        long count = useQop ? nonceCounter.next(challenge.nonce()) : 0;
        String nc = useQop ? DigestCredentials.formatNonceCount(count) : null;
        String response =
                DigestCalculator.response(algorithm, ha1, challenge.nonce(), nc, cnonce, qop, method, requestUri);
        String sentUsername =
                challenge.userhash() ? DigestCalculator.userhash(algorithm, username, challenge.realm()) : username;
        DigestCredentials.Builder b =
                DigestCredentials.builder(sentUsername, challenge.realm(), challenge.nonce(), requestUri, response);
        // Echo the algorithm only if the challenge named it: RFC 3261 §22.4 peers may not expect it.
        if (challenge.algorithmToken().isPresent()) {
            b.algorithm(algorithm);
        }
        if (cnonce != null) {
            b.cnonce(cnonce);
        }
        challenge.opaque().ifPresent(b::opaque); // RFC 7616 §3.4: returned unchanged
        if (useQop) {
            b.qop(qop).nonceCount(count);
        }
        if (challenge.userhash()) {
            b.userhash(true);
        }
        return Optional.of(b.build());
    }

    /** The username this client answers as. */
    public String username() {
        return username;
    }

    /** Names the user and the kind of secret held, never the secret. */
    @Override
    public String toString() {
        return "DigestClient[username=" + username + ", secret=" + (password != null ? "password" : "HA1") + "]";
    }

    private boolean canAnswer(DigestChallenge challenge) {
        Optional<DigestAlgorithm> algorithm = challenge.algorithm();
        if (algorithm.isEmpty()) {
            return false; // RFC 7616 §3.3: ignore a challenge with an unknown algorithm
        }
        if (!challenge.qopOptions().isEmpty() && !challenge.offersQopAuth()) {
            return false; // auth-int only: needs the body
        }
        return ha1(challenge.realm(), algorithm.get()).isPresent();
    }

    private Optional<String> ha1(String realm, DigestAlgorithm algorithm) {
        if (password != null) {
            return Optional.of(DigestCalculator.ha1(algorithm, username, realm, password));
        }
        return stored.realm().equals(realm) ? stored.ha1(algorithm) : Optional.empty();
    }

    private static int preference(DigestChallenge challenge) {
        return challenge.algorithm().map(DigestAlgorithm::preference).orElse(-1);
    }

    private String newCnonce() {
        byte[] bytes = new byte[CNONCE_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
