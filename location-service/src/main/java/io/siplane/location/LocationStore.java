package io.siplane.location;

import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live bindings of every AOR: the last registration event per AOR, minus what has expired.
 *
 * <p>Each event is a snapshot of the AOR (ADR 0005), so applying one replaces whatever the AOR had. Expired
 * bindings are dropped when an event is applied, by {@link #sweep}, and are never returned by a read, so a
 * binding stops being served on time even between sweeps.
 *
 * <p>Threading: one writer at a time (the consumer thread applies events and sweeps); any number of readers.
 * The map is sorted by AOR so that the operators' listing pages through it without sorting on every request.
 */
public final class LocationStore {
    /** Highest q first; among equal q the order of the event is kept (the sort is stable). */
    static final Comparator<Binding> BY_Q_DESCENDING =
            Comparator.comparingDouble(Binding::q).reversed();

    private final ConcurrentNavigableMap<String, List<Binding>> byAor = new ConcurrentSkipListMap<>();
    // Kept by the single writer so the gauges cost nothing to read (ConcurrentSkipListMap.size() is O(n)).
    private final AtomicLong aors = new AtomicLong();
    private final AtomicLong bindings = new AtomicLong();

    /** One AOR with its live bindings, highest q first. */
    public record Entry(String aor, List<Binding> bindings) {}

    /** One page of the listing and the number of AORs that have live bindings. */
    public record Page(long total, List<Entry> entries) {}

    /**
     * Replaces the bindings of the event's AOR by the event's bindings still live at {@code nowMillis}.
     *
     * @throws IllegalArgumentException when the event's AOR is not a valid {@code sip:} AOR
     */
    public void apply(RegistrationEvent event, long nowMillis) {
        String key = AorKey.canonical(event.aor());
        List<Binding> live = new ArrayList<>(event.liveAt(nowMillis));
        if (live.isEmpty()) {
            remove(key);
            return;
        }
        live.sort(BY_Q_DESCENDING);
        put(key, List.copyOf(live));
    }

    /** Forgets the AOR under its canonical {@code key} (an event without bindings, or a tombstone). */
    public void remove(String key) {
        List<Binding> old = byAor.remove(key);
        if (old != null) {
            aors.decrementAndGet();
            bindings.addAndGet(-old.size());
        }
    }

    /** The bindings of the AOR under its canonical {@code key} that are live at {@code nowMillis}. */
    public List<Binding> lookup(String key, long nowMillis) {
        List<Binding> all = byAor.get(key);
        return all == null ? List.of() : live(all, nowMillis);
    }

    /**
     * Drops every binding expired at {@code nowMillis}, and the AORs left without any.
     *
     * @return how many bindings were dropped
     */
    public int sweep(long nowMillis) {
        int dropped = 0;
        for (Map.Entry<String, List<Binding>> e : byAor.entrySet()) {
            List<Binding> live = live(e.getValue(), nowMillis);
            if (live.size() == e.getValue().size()) continue;
            dropped += e.getValue().size() - live.size();
            if (live.isEmpty()) remove(e.getKey());
            else put(e.getKey(), live);
        }
        return dropped;
    }

    /**
     * Page {@code page} (from 0) of {@code size} AORs with live bindings at {@code nowMillis}, sorted by AOR.
     * Walks the whole map to count the total: a listing for operators, not a call-path lookup.
     */
    public Page page(int page, int size, long nowMillis) {
        long skip = (long) page * size;
        long total = 0;
        List<Entry> entries = new ArrayList<>(Math.min(size, 64));
        for (Map.Entry<String, List<Binding>> e : byAor.entrySet()) {
            List<Binding> live = live(e.getValue(), nowMillis);
            if (live.isEmpty()) continue;
            if (total >= skip && entries.size() < size) entries.add(new Entry(e.getKey(), live));
            total++;
        }
        return new Page(total, entries);
    }

    /** AORs held, including any whose bindings expired since the last sweep. */
    public long aorCount() {
        return aors.get();
    }

    /** Bindings held, including any expired since the last sweep. */
    public long bindingCount() {
        return bindings.get();
    }

    private void put(String key, List<Binding> live) {
        List<Binding> old = byAor.put(key, live);
        if (old == null) aors.incrementAndGet();
        bindings.addAndGet(live.size() - (old == null ? 0 : old.size()));
    }

    private static List<Binding> live(List<Binding> all, long nowMillis) {
        for (Binding b : all) {
            if (b.expiresAtMillis() <= nowMillis) {
                return all.stream().filter(x -> x.expiresAtMillis() > nowMillis).toList();
            }
        }
        return all;
    }
}
