package io.siplane.registrar;

import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's view of every AOR's bindings: the last registration event per AOR, fed by the registrar's
 * own acknowledged publishes and by the consumer of the registrations topic (which also brings the events of
 * the other instances, and rebuilds the view after a restart).
 *
 * <p>Both feeds race: the consumer may deliver an older event after this instance applied a newer publish.
 * Every event carries its topic offset, and since one AOR always maps to one partition, a higher offset is a
 * later event: an update with an offset not above the stored one is ignored. Thread-safe.
 */
public final class BindingView {

    private record Versioned(RegistrationEvent event, long offset) {}

    private final ConcurrentMap<String, Versioned> byAor = new ConcurrentHashMap<>();

    /** Applies {@code event}, read from or acknowledged at {@code offset}, unless a later one is known. */
    public void apply(RegistrationEvent event, long offset) {
        byAor.merge(event.aor(), new Versioned(event, offset), (old, neu) -> neu.offset > old.offset ? neu : old);
    }

    /**
     * Whether the view already holds an event of {@code aor} at {@code offset} or later, so that the record at
     * {@code offset} would change nothing: typically this instance's own publish, applied at its
     * acknowledgement, coming back through the consumer. Lets the consumer skip decoding it.
     */
    public boolean holdsAtOrAfter(String aor, long offset) {
        Versioned v = byAor.get(aor);
        return v != null && v.offset >= offset;
    }

    /** The AOR's bindings as last committed (expired ones included; the processor drops them). */
    public List<Binding> bindings(String aor) {
        Versioned v = byAor.get(aor);
        return v == null ? List.of() : v.event.bindings();
    }

    /** Number of AORs with an event. */
    public int size() {
        return byAor.size();
    }
}
