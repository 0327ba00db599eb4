package io.siplane.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that any server instance holding the same key can check without shared state:
 * base64url(timestamp || random || HMAC-SHA256(key, timestamp || random || realm)[0..16]).
 *
 * <p>RFC 7616 §3.3 suggests a nonce built from a timestamp and a private key so the server can refuse
 * old nonces; the HMAC makes the timestamp unforgeable and binds the nonce to its realm. The random
 * part makes every nonce unique, which the per-nonce replay check ({@link NonceCountTracker}) relies
 * on. The MAC is truncated to 128 bits (RFC 2104 §5 allows truncation to half the hash length) to keep
 * the nonce short on the wire.
 */
final class StatelessNonce {

    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int TIMESTAMP_BYTES = Long.BYTES;
    private static final int RANDOM_BYTES = 12;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = TIMESTAMP_BYTES + RANDOM_BYTES + MAC_BYTES;
    /** 36 bytes encode to exactly 48 base64 characters, without padding. */
    static final int ENCODED_LENGTH = NONCE_BYTES / 3 * 4;

    private final SecretKeySpec key;
    private final byte[] realm;

    StatelessNonce(byte[] secretKey, String realm) {
        this.key = new SecretKeySpec(secretKey.clone(), MAC_ALGORITHM);
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
    }

    /** A new nonce stamped with {@code now}. */
    String issue(Instant now, SecureRandom random) {
        ByteBuffer nonce = ByteBuffer.allocate(NONCE_BYTES);
        nonce.putLong(now.toEpochMilli());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        nonce.put(randomPart);
        nonce.put(mac(nonce.array(), TIMESTAMP_BYTES + RANDOM_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /**
     * The time a nonce was issued, if this key issued it for this realm; empty for anything forged,
     * altered, truncated or issued for another realm. Expiry is the caller's decision.
     */
    Optional<Instant> issuedAt(String nonce) {
        if (nonce.length() != ENCODED_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length != NONCE_BYTES) {
            return Optional.empty();
        }
        byte[] expected = mac(bytes, TIMESTAMP_BYTES + RANDOM_BYTES);
        byte[] actual = Arrays.copyOfRange(bytes, TIMESTAMP_BYTES + RANDOM_BYTES, NONCE_BYTES);
        // Constant time, so the MAC cannot be guessed byte by byte from response timings.
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong()));
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM); // per call: Mac is not thread-safe
            mac.init(key);
            mac.update(data, 0, length);
            mac.update(realm);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256.
            throw new IllegalStateException(MAC_ALGORITHM + " unavailable", e);
        }
    }
}
