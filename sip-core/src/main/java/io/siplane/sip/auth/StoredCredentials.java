package io.siplane.sip.auth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a registrar keeps for one user in one realm: HA1 = H(username:realm:password) per plain
 * algorithm (RFC 7616 §3.4.2, RFC 8760 §2.3), never the password.
 *
 * <p>HA1 is password-equivalent for its realm (anyone holding it can answer challenges), so {@link
 * #toString()} names the algorithms held but never the hashes.
 *
 * @param username the username as the client sends it
 * @param realm the realm the HA1 values were computed for
 * @param ha1ByAlgorithm lowercase hex HA1 per plain algorithm (no {@code -sess} keys: a session
 *     algorithm uses the HA1 of its {@link DigestAlgorithm#base() base})
 */
public record StoredCredentials(String username, String realm, Map<DigestAlgorithm, String> ha1ByAlgorithm) {

    /** The algorithms {@link #fromPassword(String, String, String)} computes: all plain ones. */
    public static final Set<DigestAlgorithm> ALL_PLAIN_ALGORITHMS = Collections.unmodifiableSet(
            EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256));

    public StoredCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        EnumMap<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
        ha1ByAlgorithm.forEach((algorithm, ha1) -> {
            if (algorithm.isSession()) {
                throw new IllegalArgumentException("store HA1 under " + algorithm.base() + ", not " + algorithm);
            }
            if (!algorithm.isDigestHex(ha1)) {
                // No value in the message: it may be a password pasted into the wrong field.
                throw new IllegalArgumentException("HA1 for " + algorithm + " is not a hex digest of its length");
            }
            copy.put(algorithm, AuthParams.lower(ha1));
        });
        ha1ByAlgorithm = Collections.unmodifiableMap(copy);
    }

    /** Computes HA1 for every plain algorithm; the password is not kept. */
    public static StoredCredentials fromPassword(String username, String realm, String password) {
        return fromPassword(username, realm, password, ALL_PLAIN_ALGORITHMS);
    }

    /** Computes HA1 for the given algorithms (a {@code -sess} one stands for its base). */
    public static StoredCredentials fromPassword(
            String username, String realm, String password, Set<DigestAlgorithm> algorithms) {
        Map<DigestAlgorithm, String> ha1s = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : algorithms) {
            ha1s.put(algorithm.base(), DigestCalculator.ha1(algorithm, username, realm, password));
        }
        return new StoredCredentials(username, realm, ha1s);
    }

    /** HA1 usable with {@code algorithm} (its base for a {@code -sess} variant), if stored. */
    public Optional<String> ha1(DigestAlgorithm algorithm) {
        return Optional.ofNullable(ha1ByAlgorithm.get(algorithm.base()));
    }

    /** Names the user, realm and algorithms; never the HA1 values. */
    @Override
    public String toString() {
        return "StoredCredentials[username=" + username + ", realm=" + realm + ", algorithms=" + ha1ByAlgorithm.keySet()
                + "]";
    }
}
