package io.siplane.b2bua.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Calls in two DIST_SYNC caches of the embedded cluster (ADR 0011): the records by call id, and an index from each
 * leg's SIP Call-ID to the call id. Every method blocks until the owners have answered: call it off the event loop.
 */
public final class InfinispanCallStore implements CallStore {
    private final Cache<String, CallRecord> calls;
    private final Cache<String, String> legs;

    public InfinispanCallStore(EmbeddedCacheManager manager) {
        this.calls = manager.getCache(CacheManagers.CALLS_CACHE);
        this.legs = manager.getCache(CacheManagers.LEGS_CACHE);
    }

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
        // Index first: a reader that finds the index but no record yet treats the call as unknown, which is what
        // it is until the record is there; the other order could leave a record nobody can find by Call-ID.
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
        legs.remove(record.legACallId());
        legs.remove(record.legBCallId());
    }

    @Override
    public Iterable<CallRecord> localCalls() {
        DistributionManager dm = calls.getAdvancedCache().getDistributionManager();
        List<CallRecord> out = new ArrayList<>();
        for (CallRecord r :
                calls.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).values()) {
            if (dm == null || dm.getCacheTopology().getDistribution(r.callId()).isPrimary()) out.add(r);
        }
        return out;
    }

    @Override
    public Iterable<CallRecord> timerCandidates() {
        return new ArrayList<>(
                calls.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).values());
    }

    @Override
    public int size() {
        return calls.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).size();
    }
}
