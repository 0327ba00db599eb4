package io.siplane.registrar;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registrar's local choices that RFC 3261 §10.3 leaves open, as plain values so {@link
 * RegistrationProcessor} can be tested without a container.
 *
 * @param defaultExpiresSeconds granted when neither the Contact nor the request says (§10.3 step 7)
 * @param minExpiresSeconds shorter positive requests get 423 with this Min-Expires (§10.3 step 7)
 * @param maxExpiresSeconds longer requests are shortened to this (§10.3 step 7: "MAY choose an expiration
 *     less than the requested")
 * @param maxBindingsPerAor a REGISTER leaving more bindings than this is refused with 403
 * @param acceptedDomains domains served, lower case; empty means every domain (§10.3 steps 1 and 5)
 * @param registrarInstance names this instance in the events it produces
 */
public record RegistrationPolicy(
        long defaultExpiresSeconds,
        long minExpiresSeconds,
        long maxExpiresSeconds,
        int maxBindingsPerAor,
        Set<String> acceptedDomains,
        String registrarInstance) {

    public RegistrationPolicy {
        if (minExpiresSeconds < 1 || maxExpiresSeconds < minExpiresSeconds) {
            throw new IllegalArgumentException("need 1 <= min expires <= max expires");
        }
        if (defaultExpiresSeconds < minExpiresSeconds || defaultExpiresSeconds > maxExpiresSeconds) {
            throw new IllegalArgumentException("default expires must lie between min and max");
        }
        if (maxBindingsPerAor < 1) {
            throw new IllegalArgumentException("max bindings per AOR must be at least 1");
        }
        acceptedDomains =
                acceptedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(registrarInstance, "registrarInstance");
    }

    /** Whether {@code host} is a domain this registrar keeps bindings for. */
    public boolean serves(String host) {
        return acceptedDomains.isEmpty() || acceptedDomains.contains(host.toLowerCase(Locale.ROOT));
    }
}
