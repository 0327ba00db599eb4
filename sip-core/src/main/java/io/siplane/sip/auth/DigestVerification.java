package io.siplane.sip.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link DigestServer#verify}: what to do with the request.
 *
 * @param outcome what was found
 * @param username the authenticated username for {@link Outcome#OK}; also set for {@link
 *     Outcome#STALE} and {@link Outcome#REPLAY}, where the digest itself was right
 * @param algorithm the algorithm the client used, when the digest was right
 * @param credentials the parsed credentials, when the digest was right (e.g. to compare {@code uri}
 *     with the Request-URI, RFC 7616 §3.4.6)
 * @param reason a short explanation for logs; never holds a secret, and says the same for an unknown
 *     user as for a wrong password
 */
public record DigestVerification(
        Outcome outcome,
        Optional<String> username,
        Optional<DigestAlgorithm> algorithm,
        Optional<DigestCredentials> credentials,
        String reason) {

    /** What the caller should do next. */
    public enum Outcome {
        /** Authenticated: process the request as {@link #username()}. */
        OK,
        /**
         * The digest was right but the nonce expired (or its replay history was evicted): challenge
         * again with {@code stale=true} (RFC 7616 §3.3) so the client retries without prompting.
         */
        STALE,
        /**
         * Malformed, wrong realm or algorithm, forged nonce, unknown user or wrong password: challenge
         * again with {@code stale=false} (or answer 403 after repeated failures).
         */
        INVALID,
        /**
         * The digest was right but the nonce-count was not higher than one already seen: a replayed
         * request (RFC 7616 §5.5). Do not process it; a fresh challenge lets an honest client whose
         * counter was reset recover.
         */
        REPLAY
    }

    public DigestVerification {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(reason, "reason");
    }

    /** True only for {@link Outcome#OK}. */
    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    static DigestVerification ok(DigestCredentials credentials, DigestAlgorithm algorithm) {
        return matched(Outcome.OK, credentials, algorithm, "authenticated");
    }

    static DigestVerification stale(DigestCredentials credentials, DigestAlgorithm algorithm, String reason) {
        return matched(Outcome.STALE, credentials, algorithm, reason);
    }

    static DigestVerification replay(DigestCredentials credentials, DigestAlgorithm algorithm) {
        return matched(Outcome.REPLAY, credentials, algorithm, "nonce-count not above the last one seen");
    }

    static DigestVerification invalid(String reason) {
        return new DigestVerification(Outcome.INVALID, Optional.empty(), Optional.empty(), Optional.empty(), reason);
    }

    private static DigestVerification matched(
            Outcome outcome, DigestCredentials credentials, DigestAlgorithm algorithm, String reason) {
        return new DigestVerification(
                outcome, Optional.of(credentials.username()), Optional.of(algorithm), Optional.of(credentials), reason);
    }
}
