package io.siplane.registrar.subscriber;

import io.siplane.sip.auth.DigestAlgorithm;
import io.siplane.sip.auth.StoredCredentials;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A subscriber as stored on the subscribers topic: the AOR, the digest username and realm, and HA1 per
 * plain algorithm keyed by its token ({@code MD5}, {@code SHA-256}, {@code SHA-512-256}). Never the
 * password. HA1 is password-equivalent within the realm, so {@link #toString()} leaves it out.
 */
public record Subscriber(String aor, String username, String realm, Map<String, String> ha1) {

    public Subscriber {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        ha1 = Map.copyOf(ha1);
    }

    /** Computes the HA1 values of every plain algorithm from a password, which is not kept. */
    public static Subscriber fromPassword(String aor, String username, String realm, String password) {
        StoredCredentials c = StoredCredentials.fromPassword(username, realm, password);
        Map<String, String> ha1 = new TreeMap<>();
        c.ha1ByAlgorithm().forEach((algorithm, value) -> ha1.put(algorithm.token(), value));
        return new Subscriber(aor, username, realm, ha1);
    }

    /** As sip-core's credentials; algorithms this build does not know are skipped. */
    public StoredCredentials credentials() {
        Map<DigestAlgorithm, String> m = new EnumMap<>(DigestAlgorithm.class);
        ha1.forEach((token, value) ->
                DigestAlgorithm.fromToken(token).filter(a -> !a.isSession()).ifPresent(a -> m.put(a, value)));
        return new StoredCredentials(username, realm, m);
    }

    @Override
    public String toString() {
        return "Subscriber[aor=" + aor + ", realm=" + realm + ", algorithms=" + ha1.keySet() + "]";
    }
}
