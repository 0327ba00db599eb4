package io.siplane.b2bua.state;

import java.util.Arrays;
import java.util.Objects;
import org.infinispan.protostream.annotations.Proto;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * Everything another instance needs to carry on a call: both legs' SIP Call-IDs and dialog state (sip-core
 * {@code DialogCodec} bytes), the phase, and what a CANCEL of leg B needs (leg B's INVITE as sent, and where it
 * went). Immutable; every change makes a new record with {@link #version} + 1, written with {@link
 * CallStore#replace} so that two instances never overwrite each other's change unknowingly.
 *
 * <p>Field numbers are the ProtoStream (protobuf) wire numbers: never reuse or renumber one (ADR 0011).
 *
 * @param callId the B2BUA's own id of the call (the cache key)
 * @param version incremented on every write; compare-and-replace compares whole records, this makes each distinct
 * @param legACallId the caller's Call-ID (leg A)
 * @param legBCallId the Call-ID the B2BUA chose for leg B
 * @param legADialog leg A's dialog (UAS role), {@code DialogCodec} bytes; empty until A's dialog exists
 * @param legBDialog leg B's dialog (UAC role), {@code DialogCodec} bytes; empty until B answered with a tag
 * @param phase where the call is
 * @param createdAtMillis when leg A's INVITE arrived (epoch ms)
 * @param answeredAtMillis when B's 2xx was relayed to A (epoch ms), 0 before
 * @param ownerInstance the instance that handled the call last; others take over when it is gone
 * @param legBInvite leg B's INVITE as sent (with its Via), for CANCEL (RFC 3261 §9.1); empty once answered
 * @param legBDestination where leg B's requests go: {@code transport:host:port}
 * @param legADestination where leg A's requests go (the caller's side): {@code transport:host:port}
 * @param maxDurationDeadlineMillis when the call must be torn down at the latest (epoch ms), 0 for none
 * @param sessionTimerDeadlineMillis when the session expires without refresh (RFC 4028, epoch ms), 0 for none
 */
@Proto
public record CallRecord(
        @ProtoField(number = 1) String callId,
        @ProtoField(number = 2, defaultValue = "0") long version,
        @ProtoField(number = 3) String legACallId,
        @ProtoField(number = 4) String legBCallId,
        @ProtoField(number = 5) byte[] legADialog,
        @ProtoField(number = 6) byte[] legBDialog,
        @ProtoField(number = 7) CallPhase phase,
        @ProtoField(number = 8, defaultValue = "0") long createdAtMillis,
        @ProtoField(number = 9, defaultValue = "0") long answeredAtMillis,
        @ProtoField(number = 10) String ownerInstance,
        @ProtoField(number = 11) byte[] legBInvite,
        @ProtoField(number = 12) String legBDestination,
        @ProtoField(number = 13) String legADestination,
        @ProtoField(number = 14, defaultValue = "0") long maxDurationDeadlineMillis,
        @ProtoField(number = 15, defaultValue = "0") long sessionTimerDeadlineMillis) {

    private static final byte[] NONE = new byte[0];

    public CallRecord {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(phase, "phase");
        legADialog = legADialog == null ? NONE : legADialog;
        legBDialog = legBDialog == null ? NONE : legBDialog;
        legBInvite = legBInvite == null ? NONE : legBInvite;
    }

    /** A new call, version 0, in {@link CallPhase#INITIAL}. */
    public static CallRecord initial(
            String callId,
            String legACallId,
            String legBCallId,
            String owner,
            long nowMillis,
            long maxDurationDeadlineMillis) {
        return new CallRecord(
                callId,
                0,
                legACallId,
                legBCallId,
                NONE,
                NONE,
                CallPhase.INITIAL,
                nowMillis,
                0,
                owner,
                NONE,
                null,
                null,
                maxDurationDeadlineMillis,
                0);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean hasLegADialog() {
        return legADialog.length > 0;
    }

    public boolean hasLegBDialog() {
        return legBDialog.length > 0;
    }

    // Records compare arrays by identity; compare-and-replace on the primary owner needs value equality.
    @Override
    public boolean equals(Object o) {
        return o instanceof CallRecord r
                && version == r.version
                && callId.equals(r.callId)
                && createdAtMillis == r.createdAtMillis
                && answeredAtMillis == r.answeredAtMillis
                && maxDurationDeadlineMillis == r.maxDurationDeadlineMillis
                && sessionTimerDeadlineMillis == r.sessionTimerDeadlineMillis
                && phase == r.phase
                && Objects.equals(legACallId, r.legACallId)
                && Objects.equals(legBCallId, r.legBCallId)
                && Objects.equals(ownerInstance, r.ownerInstance)
                && Objects.equals(legBDestination, r.legBDestination)
                && Objects.equals(legADestination, r.legADestination)
                && Arrays.equals(legADialog, r.legADialog)
                && Arrays.equals(legBDialog, r.legBDialog)
                && Arrays.equals(legBInvite, r.legBInvite);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, version, phase);
    }

    @Override
    public String toString() {
        return "CallRecord[" + callId + " v" + version + " " + phase + " A=" + legACallId + " B=" + legBCallId
                + " owner=" + ownerInstance + "]";
    }

    /** Changes to a record; {@link #build()} bumps the version. */
    public static final class Builder {
        private final CallRecord base;
        private byte[] legADialog;
        private byte[] legBDialog;
        private CallPhase phase;
        private long answeredAtMillis;
        private String ownerInstance;
        private byte[] legBInvite;
        private String legBDestination;
        private String legADestination;
        private long maxDurationDeadlineMillis;
        private long sessionTimerDeadlineMillis;

        private Builder(CallRecord r) {
            base = r;
            legADialog = r.legADialog;
            legBDialog = r.legBDialog;
            phase = r.phase;
            answeredAtMillis = r.answeredAtMillis;
            ownerInstance = r.ownerInstance;
            legBInvite = r.legBInvite;
            legBDestination = r.legBDestination;
            legADestination = r.legADestination;
            maxDurationDeadlineMillis = r.maxDurationDeadlineMillis;
            sessionTimerDeadlineMillis = r.sessionTimerDeadlineMillis;
        }

        public Builder legADialog(byte[] b) {
            legADialog = b;
            return this;
        }

        public Builder legBDialog(byte[] b) {
            legBDialog = b;
            return this;
        }

        public Builder phase(CallPhase p) {
            phase = p;
            return this;
        }

        public Builder answeredAtMillis(long t) {
            answeredAtMillis = t;
            return this;
        }

        public Builder ownerInstance(String o) {
            ownerInstance = o;
            return this;
        }

        public Builder legBInvite(byte[] b) {
            legBInvite = b;
            return this;
        }

        public Builder legBDestination(String d) {
            legBDestination = d;
            return this;
        }

        public Builder legADestination(String d) {
            legADestination = d;
            return this;
        }

        public Builder maxDurationDeadlineMillis(long t) {
            maxDurationDeadlineMillis = t;
            return this;
        }

        public Builder sessionTimerDeadlineMillis(long t) {
            sessionTimerDeadlineMillis = t;
            return this;
        }

        public CallRecord build() {
            return new CallRecord(
                    base.callId,
                    base.version + 1,
                    base.legACallId,
                    base.legBCallId,
                    legADialog,
                    legBDialog,
                    phase,
                    base.createdAtMillis,
                    answeredAtMillis,
                    ownerInstance,
                    legBInvite,
                    legBDestination,
                    legADestination,
                    maxDurationDeadlineMillis,
                    sessionTimerDeadlineMillis);
        }
    }
}
