package io.siplane.b2bua.call;

import io.siplane.b2bua.state.CallRecord;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transport.Destination;
import java.util.concurrent.ScheduledFuture;

/**
 * One call in this instance's memory: the persisted {@link CallRecord} plus what only lives here (transactions,
 * retransmission timers). Touched only from the call's lane, so it needs no locking. A call taken over from
 * another instance has no transactions: only what the record holds.
 */
final class Call {
    final String id;
    final String legACallId;
    final String legBCallId;
    /** The record as last written to the store. */
    CallRecord record;

    // ---- leg A (UAS towards the caller) ----
    InviteServerTransaction aInviteTx;
    SipRequest aInvite;
    /** The To tag of every response to leg A (RFC 3261 §12.1.1). */
    String aTag;

    DialogState aDialog;
    /** The 2xx sent to A, retransmitted until A's ACK (RFC 3261 §13.3.1.4). */
    SipResponse aOk;

    ScheduledFuture<?> aOkRetransmission;

    // ---- leg B (UAC towards the callee) ----
    /** The INVITEs of the current fork group (RFC 3261 §16.6 as UAC); null while routing. */
    java.util.List<LegBInvites.Branch> branches;
    /** The fork groups (by falling q) not tried yet. */
    java.util.List<java.util.List<io.siplane.b2bua.routing.Route>> pendingGroups = java.util.List.of();
    /** The best final non-2xx of the branches so far (RFC 3261 §16.7 step 6); 0 for none. */
    int bestFailure;
    /** Leg B's first INVITE (what a CANCEL after a take-over needs), and where it went. */
    SipRequest bInvite;

    Destination bDestination;
    DialogState bDialog;
    /** The ACK sent for B's 2xx; sent again for every retransmitted 2xx (RFC 3261 §13.2.2.4). */
    SipRequest bAck;

    boolean cancelled;
    /** For the CDR: the final status A got when the call failed (0 otherwise), and why the call ended. */
    int finalStatus;

    String endCause;

    // ---- in-dialog offers (re-INVITE, UPDATE) being relayed ----
    /** An offer/answer exchange (re-INVITE or UPDATE) is being relayed; another one gets 491 (RFC 3261 §14.2). */
    boolean offerInProgress;
    /** A relayed re-INVITE's 2xx waits for the ACK of the side that sent the re-INVITE. */
    InDialogRelay.PendingAck pendingAck;
    /** The last ACK sent for a relayed re-INVITE's 2xx: sent again for each retransmission of that 2xx. */
    SipRequest lastReinviteAck;

    Call(CallRecord record) {
        this.id = record.callId();
        this.legACallId = record.legACallId();
        this.legBCallId = record.legBCallId();
        this.record = record;
        if (record.hasLegADialog()) aDialog = DialogState.fromBytes(record.legADialog());
        if (record.hasLegBDialog()) bDialog = DialogState.fromBytes(record.legBDialog());
    }

    boolean isLegA(String sipCallId) {
        return legACallId.equals(sipCallId);
    }

    DialogState dialog(boolean legA) {
        return legA ? aDialog : bDialog;
    }

    void dialog(boolean legA, DialogState d) {
        if (legA) aDialog = d;
        else bDialog = d;
    }

    void cancelTimers() {
        if (aOkRetransmission != null) aOkRetransmission.cancel(false);
        if (pendingAck != null && pendingAck.retransmission != null) pendingAck.retransmission.cancel(false);
    }

    @Override
    public String toString() {
        return "call " + id + " (A " + legACallId + ", B " + legBCallId + ")";
    }
}
