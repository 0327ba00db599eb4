package io.siplane.b2bua.state;

import java.util.Optional;

/**
 * Where calls live between messages, shared by every instance (ADR 0011). Calls are found by the B2BUA's own id
 * or by either leg's SIP Call-ID (a secondary key entry, written with the record and removed with it).
 *
 * <p>All operations are synchronous: a write has reached every owner when it returns. Callers must not invoke
 * them on a Netty event loop.
 */
public interface CallStore {

    Optional<CallRecord> get(String callId);

    /** The call one of whose legs has this SIP Call-ID. */
    Optional<CallRecord> findByLegCallId(String sipCallId);

    /** Stores a new call and its two leg index entries. */
    void put(CallRecord record);

    /**
     * Replaces {@code expected} with {@code updated} if the stored record still equals {@code expected}
     * (optimistic concurrency on {@link CallRecord#version()}).
     *
     * @return false when another writer changed or removed the record first
     */
    boolean replace(CallRecord expected, CallRecord updated);

    /** Removes the call and its leg index entries. */
    void remove(CallRecord record);

    /** Every call in the store whose primary copy is local (for periodic scans), or all on a single node. */
    Iterable<CallRecord> localCalls();

    /**
     * Every call this instance holds a copy of (primary or backup), for the call timer scan: a call whose owner died
     * must be found by a surviving instance that only had its backup.
     */
    default Iterable<CallRecord> timerCandidates() {
        return localCalls();
    }

    /** Calls held (for the gauge). */
    int size();
}
