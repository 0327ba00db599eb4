package io.siplane.sip.auth;

import java.util.Objects;

/**
 * The Digest computations of RFC 7616 §3.4.1–§3.4.4 (RFC 3261 §22.4 for SIP), as pure functions over
 * strings. All digests are lowercase hex.
 *
 * <p>Only {@code qop=auth} and the RFC 2069 form without qop are computed. {@code auth-int} would
 * need the message body, which these header-value helpers never see, so it is refused explicitly
 * rather than computed wrongly.
 */
public final class DigestCalculator {

    /** The only quality of protection supported: authentication of the request line. */
    public static final String QOP_AUTH = "auth";

    /** Integrity protection of the body; refused (see class comment). */
    public static final String QOP_AUTH_INT = "auth-int";

    private DigestCalculator() {}

    /**
     * HA1 = H(username ":" realm ":" password), RFC 7616 §3.4.2, for the plain algorithm under {@code
     * algorithm}. This is what a registrar stores instead of the password; a {@code -sess} algorithm
     * derives its session key from it per request in {@link #response}.
     */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password) {
        Objects.requireNonNull(password, "password");
        return algorithm.base().hash(username + ":" + realm + ":" + password);
    }

    /**
     * The hashed username of RFC 7616 §3.4.4: H(username ":" realm), sent instead of the name when
     * the challenge says {@code userhash=true}.
     */
    public static String userhash(DigestAlgorithm algorithm, String username, String realm) {
        return algorithm.base().hash(username + ":" + realm);
    }

    /**
     * The request-digest (the {@code response} directive), RFC 7616 §3.4.1.
     *
     * <ul>
     *   <li>With {@code qop=auth}: KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" HA2).
     *   <li>Without qop (RFC 2069, still required of SIP servers by RFC 3261 §22.4): KD(HA1, nonce ":"
     *       HA2).
     * </ul>
     *
     * where HA2 = H(method ":" digestUri) and, for a {@code -sess} algorithm, HA1 is first re-keyed to
     * H(HA1 ":" nonce ":" cnonce) (RFC 7616 §3.4.2).
     *
     * @param ha1 the stored H(username:realm:password) for {@code algorithm.base()}
     * @param nc the nonce-count exactly as sent (8 hex digits); ignored without qop
     * @param cnonce the client nonce; required with qop or a {@code -sess} algorithm
     * @param qop {@code "auth"} (as sent, any case) or {@code null} for none
     * @param method the request method, e.g. {@code REGISTER}
     * @param digestUri the {@code uri} directive, e.g. {@code sip:example.com}
     * @throws IllegalArgumentException for {@code auth-int} or any other qop, or when cnonce or nc is
     *     missing where the formula needs it
     */
    public static String response(
            DigestAlgorithm algorithm,
            String ha1,
            String nonce,
            String nc,
            String cnonce,
            String qop,
            String method,
            String digestUri) {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(nonce, "nonce");
        String ha2 = algorithm.hash(method + ":" + digestUri);
        String key = algorithm.isSession() ? sessionKey(algorithm, ha1, nonce, cnonce) : ha1;
        if (qop == null) {
            return algorithm.keyedDigest(key, nonce + ":" + ha2);
        }
        if (QOP_AUTH_INT.equalsIgnoreCase(qop)) {
            throw new IllegalArgumentException("qop=auth-int needs the message body; not supported");
        }
        if (!QOP_AUTH.equalsIgnoreCase(qop)) {
            throw new IllegalArgumentException("unsupported qop: " + qop);
        }
        if (nc == null || cnonce == null) {
            throw new IllegalArgumentException("qop=auth needs nc and cnonce");
        }
        return algorithm.keyedDigest(key, nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String sessionKey(DigestAlgorithm algorithm, String ha1, String nonce, String cnonce) {
        if (cnonce == null) {
            throw new IllegalArgumentException(algorithm.token() + " needs a cnonce");
        }
        return algorithm.hash(ha1 + ":" + nonce + ":" + cnonce);
    }
}
