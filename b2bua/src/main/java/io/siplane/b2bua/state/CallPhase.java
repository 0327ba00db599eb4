package io.siplane.b2bua.state;

import org.infinispan.protostream.annotations.ProtoEnumValue;

/** Where a call is in its life; each change is written to the {@link CallStore} (ADR 0011). */
public enum CallPhase {
    /** Leg A's INVITE is in, leg B's INVITE is out, nothing heard back yet (or only 100). */
    @ProtoEnumValue(0)
    INITIAL,
    /** Leg B answered with a tagged 1xx; relayed to A. */
    @ProtoEnumValue(1)
    EARLY,
    /** Leg B answered 2xx and A has been sent the 2xx: both dialogs are confirmed. */
    @ProtoEnumValue(2)
    CONFIRMED,
    /** A BYE or CANCEL is under way on one of the legs. */
    @ProtoEnumValue(3)
    TERMINATING,
    /** Both legs are over; the record is about to be removed. */
    @ProtoEnumValue(4)
    ENDED;

    public boolean isAnswered() {
        return this == CONFIRMED;
    }
}
