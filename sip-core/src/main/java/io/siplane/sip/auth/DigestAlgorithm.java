package io.siplane.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digest algorithms SIP may use, RFC 8760 §2 (which adopts the RFC 7616 §3.3 algorithms for SIP).
 *
 * <p>Each constant knows its {@code algorithm} token as it appears on the wire, the JDK {@link
 * MessageDigest} behind it, and whether it is a {@code -sess} variant (RFC 7616 §3.4.2: HA1 is then
 * re-keyed with the nonce and cnonce).
 */
public enum DigestAlgorithm {
    /** RFC 3261 §22.4 default; kept only because deployed SIP equipment still depends on it. */
    MD5("MD5", "MD5", false, 1),
    /** RFC 2617 §3.2.2.2 session variant of MD5. */
    MD5_SESS("MD5-sess", "MD5", true, 0),
    /** RFC 7616 §3.3, RFC 8760 §2.1: the preferred algorithm for SIP. */
    SHA_256("SHA-256", "SHA-256", false, 3),
    /** RFC 7616 §3.3 session variant of SHA-256. */
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    /** RFC 7616 §3.3, RFC 8760 §2.1: SHA-512/256 (FIPS 180-4), not SHA-512 truncated by hand. */
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 5),
    /** RFC 7616 §3.3 session variant of SHA-512-256. */
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 4);

    private static final HexFormat LOWER_HEX = HexFormat.of();

    private final String token;
    private final String jcaName;
    private final boolean session;
    private final int preference;

    DigestAlgorithm(String token, String jcaName, boolean session, int preference) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
        this.preference = preference;
    }

    /**
     * Looks up an {@code algorithm} directive value, case-insensitively (RFC 7616 §3.3 compares tokens
     * without case).
     *
     * @param token the directive value, or {@code null} when the directive is absent
     * @return the algorithm; {@link #MD5} when {@code token} is {@code null} (RFC 3261 §25.1 and RFC
     *     7616 §3.3: "If this is not present, it is assumed to be MD5"); empty when the token is unknown,
     *     which per RFC 7616 §3.3 means the challenge or response is to be ignored
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token.trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The token as written in the {@code algorithm} directive, e.g. {@code SHA-512-256}. */
    public String token() {
        return token;
    }

    /** Whether this is a {@code -sess} variant, whose HA1 also covers the nonce and cnonce. */
    public boolean isSession() {
        return session;
    }

    /**
     * The plain algorithm a {@code -sess} variant is built on (itself for plain algorithms). Stored HA1
     * values are per plain algorithm: the session key is derived per request (RFC 7616 §3.4.2).
     */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5_SESS -> MD5;
            case SHA_256_SESS -> SHA_256;
            case SHA_512_256_SESS -> SHA_512_256;
            default -> this;
        };
    }

    /**
     * Relative strength used by a client choosing among several challenges: higher is stronger. A
     * plain algorithm ranks above its {@code -sess} variant because the variant adds nothing for SIP,
     * where no third-party authentication server shares the session key.
     */
    public int preference() {
        return preference;
    }

    /** Length of a digest in lowercase hex characters (32 for MD5, 64 for the SHA-2 algorithms). */
    public int hexLength() {
        return newDigest().getDigestLength() * 2;
    }

    /**
     * H(data) of RFC 7616 §3.4: the digest of the UTF-8 bytes of {@code data} (RFC 7616 §4 and RFC
     * 3261 §25 both use UTF-8), as lowercase hex (RFC 7616 §3.4.1 "LHEX").
     */
    public String hash(String data) {
        return LOWER_HEX.formatHex(newDigest().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** KD(secret, data) = H(secret ":" data), RFC 7616 §3.4. */
    String keyedDigest(String secret, String data) {
        return hash(secret + ":" + data);
    }

    /** Whether {@code hex} has the shape of a digest of this algorithm. */
    boolean isDigestHex(String hex) {
        if (hex == null || hex.length() != hexLength()) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private MessageDigest newDigest() {
        // A fresh instance per call: MessageDigest is not thread-safe and creating one is cheap.
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE 17 runtime must provide MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    @Override
    public String toString() {
        return token;
    }
}
