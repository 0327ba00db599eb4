package io.siplane.b2bua.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryCallStoreTest {
    private final CallStore store = new InMemoryCallStore();

    @Test
    void aCallIsFoundByEitherLegAndGoneWithItsIndexAfterRemove() {
        CallRecord r = CallRecord.initial("c", "a@x", "b@y", "me", 1, 0);
        store.put(r);
        assertThat(store.findByLegCallId("a@x")).contains(r);
        assertThat(store.findByLegCallId("b@y")).contains(r);
        store.remove(r);
        assertThat(store.findByLegCallId("a@x")).isEmpty();
        assertThat(store.get("c")).isEmpty();
    }

    @Test
    void replaceFailsWhenTheRecordChangedInBetween() {
        CallRecord r = CallRecord.initial("c", "a@x", "b@y", "me", 1, 0);
        store.put(r);
        CallRecord early = r.toBuilder().phase(CallPhase.EARLY).build();
        CallRecord other = r.toBuilder().phase(CallPhase.TERMINATING).build();
        assertThat(store.replace(r, early)).isTrue();
        assertThat(store.replace(r, other)).isFalse();
        assertThat(store.get("c")).contains(early);
    }

    @Test
    void recordsWithEqualBytesAreEqual() {
        CallRecord a = CallRecord.initial("c", "a@x", "b@y", "me", 1, 0).toBuilder()
                .legADialog(new byte[] {1, 2})
                .build();
        CallRecord b = CallRecord.initial("c", "a@x", "b@y", "me", 1, 0).toBuilder()
                .legADialog(new byte[] {1, 2})
                .build();
        assertThat(a).isEqualTo(b);
    }
}
