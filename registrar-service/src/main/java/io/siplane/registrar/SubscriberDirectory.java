package io.siplane.registrar;

import io.siplane.sip.auth.StoredCredentials;
import java.util.Optional;

/** Where the registrar finds a subscriber's HA1 values. Must not block: it is asked on the SIP path. */
@FunctionalInterface
public interface SubscriberDirectory {

    /** The credentials of the subscriber with this canonical AOR, or empty when there is none. */
    Optional<StoredCredentials> credentials(String canonicalAor);
}
