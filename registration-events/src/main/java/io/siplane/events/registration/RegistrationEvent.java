package io.siplane.events.registration;

import java.util.List;
import java.util.Objects;

/**
 * The state of one address-of-record after an accepted REGISTER: every live binding, not a delta. Published
 * by registrar-service on the compacted topic {@code sip.registrations}, keyed by {@link #aor()}, so the last
 * event per key is the whole truth for that AOR and a consumer rebuilds all state by reading the topic from
 * the start (docs/adr/0005-registration-events.md). An event with no bindings means the AOR has none left
 * (a consumer may drop the key; the producer may follow it with a tombstone).
 *
 * @param aor the address-of-record in canonical form: {@code sip:user@domain} (RFC 3261 §10.3 step 5)
 * @param bindings every binding still registered, with absolute expiry times
 * @param changedAtMillis when the registrar accepted the change (epoch milliseconds)
 * @param registrar the instance that accepted it, for tracing and operations
 */
public record RegistrationEvent(String aor, List<Binding> bindings, long changedAtMillis, String registrar) {
    /** Version of this JSON shape; bumped on an incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public RegistrationEvent {
        Objects.requireNonNull(aor, "aor");
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    /** The bindings not yet expired at {@code nowMillis}. */
    public List<Binding> liveAt(long nowMillis) {
        return bindings.stream().filter(b -> b.expiresAtMillis() > nowMillis).toList();
    }
}
