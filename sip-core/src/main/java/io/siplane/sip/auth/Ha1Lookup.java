package io.siplane.sip.auth;

import java.util.Optional;

/**
 * Finds the stored HA1 values of a user, for {@link DigestServer#verify(String, String, Ha1Lookup)}.
 *
 * <p>Called on the verifying thread. A lookup that blocks (a database, a remote call) must not be
 * used from an event loop: look the user up asynchronously from {@link DigestCredentials#username()}
 * and call {@link DigestServer#verify(String, DigestCredentials, Optional)} instead.
 */
@FunctionalInterface
public interface Ha1Lookup {

    /**
     * The credentials of {@code username} in {@code realm}, or empty when there is no such user. The
     * server answers an unknown user exactly as a wrong password, so no caller can tell them apart.
     */
    Optional<StoredCredentials> find(String username, String realm);
}
