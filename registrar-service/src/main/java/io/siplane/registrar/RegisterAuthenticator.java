package io.siplane.registrar;

import io.siplane.sip.auth.DigestCredentials;
import io.siplane.sip.auth.DigestServer;
import io.siplane.sip.auth.DigestVerification;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 3261 §10.3 steps 3 and 4: Digest authentication of the UAC (§22, RFC 8760 SHA-256 and MD5 with
 * {@code qop=auth}) and authorisation of the authenticated user for the To AOR.
 *
 * <p>The digest username is the user part of an AOR in the To AOR's domain ({@code 1000} in {@code
 * sip:1000@example.com}; a username with {@code @} names the whole AOR). A user may register only their
 * own AOR: anything else is 403. An unknown user gets the same 401 as a wrong password ({@link
 * DigestServer} checks both against a digest, so neither the answer nor its timing tells them apart).
 * Nonces are stateless and keyed by a secret shared by every instance, so a retry may land anywhere.
 */
public final class RegisterAuthenticator {

    /** The decision for one request. */
    public sealed interface Decision {
        /** Go on as this canonical AOR. */
        record Authorized(String aor) implements Decision {}

        /** Answer with this response (401 challenge or 403). */
        record Refused(SipResponse response, boolean challenge, boolean stale) implements Decision {}
    }

    private final DigestServer digest;
    private final SubscriberDirectory directory;

    public RegisterAuthenticator(DigestServer digest, SubscriberDirectory directory) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The realm challenged for. */
    public String realm() {
        return digest.realm();
    }

    /**
     * Authenticates {@code request} and authorises it for {@code toAor}.
     *
     * @param toAor the canonical AOR of the To header field ({@link RegistrationProcessor#preflight})
     */
    public Decision authenticate(SipRequest request, String toAor) {
        Optional<DigestCredentials> credentials = credentialsForOurRealm(request);
        if (credentials.isEmpty()) {
            // RFC 4475 §3.3.7 (regaut01): an unknown scheme is answered with a challenge we understand.
            return challenge(request, false);
        }
        String toHost = Aor.host(toAor);
        DigestVerification verification = digest.verify(
                request.method().name(),
                credentials.get(),
                (username, realm) -> directory.credentials(aorOfUsername(username, toHost)));
        return switch (verification.outcome()) {
            case OK -> {
                String user = aorOfUsername(verification.username().orElseThrow(), toHost);
                if (!user.equals(toAor)) {
                    // Step 4: authenticated, but not for this AOR (no third-party registration here).
                    yield new Decision.Refused(
                            SipResponses.to(request, StatusCodes.FORBIDDEN).build(), false, false);
                }
                yield new Decision.Authorized(toAor);
            }
            case STALE -> challenge(request, true);
                // A replay carries a digest that was right once: a fresh challenge lets an honest UA whose
                // nonce-count was reset recover, and gives a replaying attacker nothing.
            case REPLAY, INVALID -> challenge(request, false);
        };
    }

    private Decision challenge(SipRequest request, boolean stale) {
        SipResponse.Builder b = SipResponses.to(request, StatusCodes.UNAUTHORIZED);
        // RFC 8760 §2.4: one WWW-Authenticate per algorithm, most preferred first; §7.3.1: never combined.
        for (String value : digest.challenges(stale)) {
            b.add(HeaderName.WWW_AUTHENTICATE, value);
        }
        return new Decision.Refused(b.build(), true, stale);
    }

    /**
     * The Authorization for our realm (RFC 3261 §22.4: a request may carry one per realm); other schemes
     * and realms are ignored.
     */
    private Optional<DigestCredentials> credentialsForOurRealm(SipRequest request) {
        for (String value : request.headerValues(HeaderName.AUTHORIZATION)) {
            Optional<DigestCredentials> c = DigestCredentials.parse(value);
            if (c.isPresent() && digest.realm().equals(c.get().realm())) {
                return c;
            }
        }
        return Optional.empty();
    }

    static String aorOfUsername(String username, String defaultHost) {
        int at = username.lastIndexOf('@');
        if (at > 0) {
            return Aor.of(username.substring(0, at), username.substring(at + 1));
        }
        return Aor.of(username, defaultHost);
    }
}
