package io.siplane.registrar.subscriber;

import io.siplane.registrar.SubscriberDirectory;
import io.siplane.sip.auth.StoredCredentials;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every subscriber, as read from the compacted subscribers topic by this instance and updated on its own
 * acknowledged writes. Same offset rule as the binding view: a record at a lower offset than the stored one
 * (a consumer lagging behind a local write) is ignored. Deletions are kept as tombstones with their offset
 * so a lagging older record cannot resurrect the subscriber. Thread-safe; never blocks.
 */
public final class SubscriberStore implements SubscriberDirectory {

    private record Versioned(Subscriber subscriber, long offset) {}

    private final ConcurrentMap<String, Versioned> byAor = new ConcurrentHashMap<>();

    /** Applies a record; {@code subscriber} null is a deletion. */
    public void apply(String aor, Subscriber subscriber, long offset) {
        byAor.merge(aor, new Versioned(subscriber, offset), (old, neu) -> neu.offset > old.offset ? neu : old);
    }

    public Optional<Subscriber> find(String aor) {
        Versioned v = byAor.get(aor);
        return v == null ? Optional.empty() : Optional.ofNullable(v.subscriber);
    }

    @Override
    public Optional<StoredCredentials> credentials(String canonicalAor) {
        return find(canonicalAor).map(Subscriber::credentials);
    }

    /** A page of subscribers ordered by AOR. */
    public List<Subscriber> page(int offset, int limit) {
        return byAor.values().stream()
                .map(Versioned::subscriber)
                .filter(s -> s != null)
                .sorted(Comparator.comparing(Subscriber::aor))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    public long count() {
        return byAor.values().stream().filter(v -> v.subscriber != null).count();
    }
}
