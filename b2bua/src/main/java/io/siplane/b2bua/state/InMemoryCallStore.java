package io.siplane.b2bua.state;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CallStore} in one JVM's memory, for unit tests and single-instance runs. */
public final class InMemoryCallStore implements CallStore {
    private final ConcurrentMap<String, CallRecord> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> legs = new ConcurrentHashMap<>();

    @Override
    public Optional<CallRecord> get(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public Optional<CallRecord> findByLegCallId(String sipCallId) {
        String id = legs.get(sipCallId);
        return id == null ? Optional.empty() : get(id);
    }

    @Override
    public void put(CallRecord record) {
        legs.put(record.legACallId(), record.callId());
        legs.put(record.legBCallId(), record.callId());
        calls.put(record.callId(), record);
    }

    @Override
    public boolean replace(CallRecord expected, CallRecord updated) {
        return calls.replace(expected.callId(), expected, updated);
    }

    @Override
    public void remove(CallRecord record) {
        calls.remove(record.callId());
        legs.remove(record.legACallId(), record.callId());
        legs.remove(record.legBCallId(), record.callId());
    }

    @Override
    public Iterable<CallRecord> localCalls() {
        return List.copyOf(calls.values());
    }

    @Override
    public int size() {
        return calls.size();
    }
}
