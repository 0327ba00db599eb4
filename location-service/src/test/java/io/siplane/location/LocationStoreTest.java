package io.siplane.location;

import static io.siplane.location.TestKafka.binding;
import static io.siplane.location.TestKafka.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.events.registration.Binding;
import org.junit.jupiter.api.Test;

class LocationStoreTest {
    private static final long NOW = 1_000_000;
    private final LocationStore store = new LocationStore();

    @Test
    void lookupReturnsLiveBindingsHighestQFirstKeepingEventOrderAmongEqualQ() {
        Binding a = binding("sip:a@h", 0.5, NOW + 10);
        Binding b = binding("sip:b@h", 1.0, NOW + 10);
        Binding c = binding("sip:c@h", 0.5, NOW + 10);
        store.apply(event("sip:u@example.com", a, b, c), NOW);

        assertThat(store.lookup("sip:u@example.com", NOW)).containsExactly(b, a, c);
    }

    @Test
    void eventKeyIsTheCanonicalAor() {
        store.apply(event("SIPS:u@Example.COM", binding("sip:a@h", 1, NOW + 10)), NOW);

        assertThat(store.lookup("sip:u@example.com", NOW)).hasSize(1);
    }

    @Test
    void bindingsExpiredWhenAppliedAreNotKept() {
        store.apply(event("sip:u@example.com", binding("sip:old@h", 1, NOW), binding("sip:new@h", 1, NOW + 1)), NOW);

        assertThat(store.lookup("sip:u@example.com", NOW))
                .extracting(Binding::contact)
                .containsExactly("sip:new@h");
        assertThat(store.bindingCount()).isEqualTo(1);
    }

    @Test
    void lookupHidesBindingsExpiredSinceTheLastSweep() {
        store.apply(event("sip:u@example.com", binding("sip:a@h", 1, NOW + 5)), NOW);

        assertThat(store.lookup("sip:u@example.com", NOW + 5)).isEmpty();
        assertThat(store.aorCount()).isEqualTo(1);
    }

    @Test
    void sweepDropsExpiredBindingsAndEmptyAorsAndKeepsTheCounts() {
        store.apply(event("sip:u@example.com", binding("sip:a@h", 1, NOW + 5), binding("sip:b@h", 1, NOW + 50)), NOW);
        store.apply(event("sip:v@example.com", binding("sip:c@h", 1, NOW + 5)), NOW);

        assertThat(store.sweep(NOW + 10)).isEqualTo(2);

        assertThat(store.aorCount()).isEqualTo(1);
        assertThat(store.bindingCount()).isEqualTo(1);
        assertThat(store.lookup("sip:u@example.com", NOW + 10))
                .extracting(Binding::contact)
                .containsExactly("sip:b@h");
    }

    @Test
    void laterEventReplacesAllBindingsOfTheAor() {
        store.apply(event("sip:u@example.com", binding("sip:a@h", 1, NOW + 5), binding("sip:b@h", 1, NOW + 5)), NOW);
        store.apply(event("sip:u@example.com", binding("sip:c@h", 1, NOW + 5)), NOW);

        assertThat(store.lookup("sip:u@example.com", NOW))
                .extracting(Binding::contact)
                .containsExactly("sip:c@h");
        assertThat(store.bindingCount()).isEqualTo(1);
    }

    @Test
    void eventWithoutBindingsAndRemoveForgetTheAor() {
        store.apply(event("sip:u@example.com", binding("sip:a@h", 1, NOW + 5)), NOW);
        store.apply(event("sip:v@example.com", binding("sip:a@h", 1, NOW + 5)), NOW);

        store.apply(event("sip:u@example.com"), NOW);
        store.remove("sip:v@example.com");

        assertThat(store.aorCount()).isZero();
        assertThat(store.bindingCount()).isZero();
    }

    @Test
    void pagesAreSortedByAorSkipExpiredAorsAndCountTheTotal() {
        for (String u : new String[] {"d", "b", "e", "a", "c"}) {
            store.apply(event("sip:" + u + "@example.com", binding("sip:x@h", 1, NOW + 100)), NOW);
        }
        store.apply(event("sip:bb@example.com", binding("sip:x@h", 1, NOW + 1)), NOW);

        LocationStore.Page second = store.page(1, 2, NOW + 1);

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.entries())
                .extracting(LocationStore.Entry::aor)
                .containsExactly("sip:c@example.com", "sip:d@example.com");
        assertThat(store.page(2, 2, NOW + 1).entries()).hasSize(1);
        assertThat(store.page(3, 2, NOW + 1).entries()).isEmpty();
    }
}
