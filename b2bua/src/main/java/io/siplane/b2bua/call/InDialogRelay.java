package io.siplane.b2bua.call;

import io.siplane.sip.dialog.DialogRequest;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.dialog.RemoteRequestOutcome;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.RAck;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.TransportType;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Requests within a call's dialogs other than BYE, from either leg: re-INVITE and UPDATE (hold/resume: the SDP
 * offer and answer relayed untouched, RFC 3264; 491 when an offer is already under way on the call, RFC 3261
 * §14.2 and RFC 3311 §5.2), PRACK (RFC 3262: the RAck renumbered to the other leg's INVITE), INFO, MESSAGE, NOTIFY.
 * Each becomes a new request in the other leg's dialog (its own CSeq space); its responses come back on the
 * request's server transaction. Both dialogs (remote CSeq, remote target, local CSeq) are written to the call
 * record before the relayed request leaves (ADR 0011).
 */
final class InDialogRelay {
    private final CallController c;

    InDialogRelay(CallController controller) {
        this.c = controller;
    }

    /** A re-INVITE's 2xx relayed to the side that sent it, waiting for that side's ACK. */
    static final class PendingAck {
        final boolean fromA;
        final long nearCseq;
        final long farCseq;
        final ServerTransaction nearTx;
        final SipResponse nearOk;
        ScheduledFuture<?> retransmission;

        PendingAck(boolean fromA, long nearCseq, long farCseq, ServerTransaction nearTx, SipResponse nearOk) {
            this.fromA = fromA;
            this.nearCseq = nearCseq;
            this.farCseq = farCseq;
            this.nearTx = nearTx;
            this.nearOk = nearOk;
        }
    }

    void relay(Call call, ServerTransaction tx, SipRequest request) {
        boolean fromA = call.isLegA(request.callId());
        DialogState near = call.dialog(fromA);
        DialogState far = call.dialog(!fromA);
        if (near == null || far == null || far.isTerminated()) {
            tx.sendResponse(Messages.answer(request, null, StatusCodes.CALL_DOES_NOT_EXIST));
            return;
        }
        SipMethod method = request.method();
        boolean offer = method == SipMethod.INVITE || method == SipMethod.UPDATE;
        if (offer && call.offerInProgress) {
            // Glare: our side of the call has an offer/answer exchange open; the UA retries after a random wait.
            tx.sendResponse(Messages.answer(request, null, StatusCodes.REQUEST_PENDING));
            return;
        }
        RemoteRequestOutcome outcome = near.acceptRemoteRequest(request);
        if (!outcome.accepted()) {
            tx.sendResponse(Messages.answer(request, null, outcome.verdict().status()));
            return;
        }
        DialogRequest farRequest = Dialogs.newRequest(far, method);
        SipRequest.Builder b = farRequest.request();
        Destination next = Destinations.nextHop(far);
        Messages.copyEndToEnd(request, b);
        if (Dialogs.isTargetRefresh(method)) b.add(HeaderName.CONTACT, c.contact(next.transport()));
        if (method == SipMethod.PRACK) {
            RAck rack = request.rack();
            if (rack == null) {
                tx.sendResponse(Messages.answer(request, null, StatusCodes.BAD_REQUEST));
                return;
            }
            // RSeq values pass through unchanged; the CSeq number is the far leg's INVITE's (RFC 3262 §7.2).
            b.add(HeaderName.RACK, new RAck(rack.rseq(), far.initialCseq(), SipMethod.INVITE).toString());
        }
        call.dialog(fromA, outcome.state());
        call.dialog(!fromA, farRequest.state());
        if (offer) call.offerInProgress = true;
        c.persist(call, r -> r.legADialog(bytes(call.aDialog)).legBDialog(bytes(call.bDialog)));
        SipRequest sent = b.build();
        c.stack()
                .sendRequest(
                        sent,
                        next,
                        new FarSide(call, tx, request, fromA, sent.cseq().number()));
    }

    /** An ACK for the 2xx of a relayed re-INVITE: the ACK for the far side's 2xx goes out, with its body. */
    void ack(Call call, SipRequest ack) {
        boolean fromA = call.isLegA(ack.callId());
        PendingAck p = call.pendingAck;
        if (p == null || p.fromA != fromA || p.nearCseq != ack.cseq().number()) return; // retransmission
        if (p.retransmission != null) p.retransmission.cancel(false);
        call.pendingAck = null;
        call.offerInProgress = false;
        DialogState far = call.dialog(!fromA);
        if (far == null || far.isTerminated()) return;
        SipRequest.Builder b = Dialogs.ackFor2xx(far, p.farCseq);
        if (ack.bodyLength() > 0) b.body(ack.contentType(), ack.body()); // late offer: the answer is in the ACK
        call.lastReinviteAck = b.build();
        c.stack().sendAck(call.lastReinviteAck, Destinations.nextHop(far));
    }

    /** The relayed request's client transaction on the far leg: events to the call's lane. */
    private final class FarSide implements ClientTransactionUser {
        private final Call call;
        private final ServerTransaction nearTx;
        private final SipRequest nearRequest;
        private final boolean fromA;
        private final long farCseq;
        private boolean answered;

        FarSide(Call call, ServerTransaction nearTx, SipRequest nearRequest, boolean fromA, long farCseq) {
            this.call = call;
            this.nearTx = nearTx;
            this.nearRequest = nearRequest;
            this.fromA = fromA;
            this.farCseq = farCseq;
        }

        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {
            if (response.status() == StatusCodes.TRYING) return;
            c.onLane(call, () -> nearTx.sendResponse(toNear(response)));
        }

        @Override
        public void onFinal(ClientTransaction tx, SipResponse response) {
            c.onLane(call, () -> farFinal(response));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            c.onLane(call, () -> farFailed(StatusCodes.REQUEST_TIMEOUT));
        }

        @Override
        public void onTransportError(ClientTransaction tx, Exception cause) {
            c.onLane(call, () -> farFailed(StatusCodes.REQUEST_TIMEOUT));
        }

        private void farFailed(int status) {
            if (answered) return;
            answered = true;
            if (isOffer()) call.offerInProgress = false;
            nearTx.sendResponse(Messages.answer(nearRequest, null, status));
        }

        private boolean isOffer() {
            return nearRequest.method() == SipMethod.INVITE || nearRequest.method() == SipMethod.UPDATE;
        }

        private void farFinal(SipResponse response) {
            boolean reinvite = nearRequest.method() == SipMethod.INVITE;
            if (answered) {
                // a retransmitted 2xx of the re-INVITE: our ACK was lost (RFC 3261 §13.2.2.4)
                if (reinvite
                        && response.isSuccess()
                        && call.lastReinviteAck != null
                        && call.lastReinviteAck.cseq().number() == farCseq) {
                    DialogState far = call.dialog(!fromA);
                    if (far != null) c.stack().sendAck(call.lastReinviteAck, Destinations.nextHop(far));
                }
                return;
            }
            answered = true;
            DialogState far = call.dialog(!fromA);
            if (far != null && !far.isTerminated()) {
                DialogState after = far.applyResponse(response); // new remote target; 481/408 end the dialog
                if (!after.equals(far)) {
                    call.dialog(!fromA, after);
                    c.persist(call, r -> r.legADialog(bytes(call.aDialog)).legBDialog(bytes(call.bDialog)));
                }
            }
            long refreshed = response.isSuccess() && isOffer()
                    ? CallController.sessionDeadline(response, System.currentTimeMillis())
                    : 0;
            if (refreshed > 0) c.persist(call, r -> r.sessionTimerDeadlineMillis(refreshed)); // RFC 4028 refresh
            SipResponse toNear = toNear(response);
            if (reinvite && response.isSuccess()) {
                PendingAck p = new PendingAck(fromA, nearRequest.cseq().number(), farCseq, nearTx, toNear);
                call.pendingAck = p;
                nearTx.sendResponse(toNear);
                if (!nearTx.source().isReliableTransport())
                    retransmit(call, p, c.stack().transactions().config().t1(), System.currentTimeMillis());
            } else {
                if (isOffer()) call.offerInProgress = false;
                nearTx.sendResponse(toNear);
            }
        }

        private SipResponse toNear(SipResponse fromFar) {
            int status = fromFar.status();
            SipResponse.Builder b = SipResponse.forRequest(nearRequest, status).reason(fromFar.reason());
            if (status > 100 && status < 300 && Dialogs.isTargetRefresh(nearRequest.method())) {
                TransportType t =
                        TransportType.fromName(nearTx.source().transport()).orElse(TransportType.UDP);
                b.add(HeaderName.CONTACT, c.contact(t));
            }
            Messages.copyEndToEnd(fromFar, b);
            return b.build();
        }
    }

    /** RFC 3261 §13.3.1.4: the 2xx to a re-INVITE is retransmitted by the UAS core until the ACK, for 64*T1. */
    private void retransmit(Call call, PendingAck p, Duration interval, long since) {
        Duration t2 = c.stack().transactions().config().t2();
        long giveUp = c.stack().transactions().config().t1().multipliedBy(64).toMillis();
        p.retransmission = c.timers()
                .schedule(
                        () -> c.onLane(call, () -> {
                            if (call.pendingAck != p) return;
                            if (System.currentTimeMillis() - since >= giveUp) {
                                call.pendingAck = null; // no ACK: the offer exchange is over all the same
                                call.offerInProgress = false;
                                return;
                            }
                            p.nearTx.sendResponse(p.nearOk);
                            Duration next = interval.multipliedBy(2);
                            retransmit(call, p, next.compareTo(t2) > 0 ? t2 : next, since);
                        }),
                        interval.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private static byte[] bytes(DialogState d) {
        return d == null ? null : d.toBytes();
    }
}
