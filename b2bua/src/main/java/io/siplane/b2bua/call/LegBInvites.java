package io.siplane.b2bua.call;

import io.siplane.b2bua.routing.Route;
import io.siplane.b2bua.state.CallPhase;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.InviteClientTransaction;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transaction.TransactionRequests;
import io.siplane.sip.transport.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * Leg B's INVITE, forked like a stateful proxy (RFC 3261 §16.6–16.7) but as a UAC: the targets come in groups of
 * equal q, highest first; a group's targets are tried in parallel, the next group only once every branch of the
 * previous one failed. Every branch carries leg B's Call-ID and From tag (its own branch and Request-URI), so each
 * answering device makes its own dialog; the first 2xx wins and the other branches are CANCELled (a 2xx that
 * crosses the CANCEL is ACKed and BYE'd). When every branch failed, A gets the best final response (§16.7 step 6:
 * a 6xx, else the lowest class).
 */
final class LegBInvites {
    private final CallController c;

    LegBInvites(CallController controller) {
        this.c = controller;
    }

    /** One INVITE of leg B towards one target. */
    static final class Branch {
        final SipRequest invite;
        final Destination destination;
        InviteClientTransaction tx;
        boolean provisionalSeen;
        /** A CANCEL is due as soon as a provisional response arrives (RFC 3261 §9.1). */
        boolean cancelPending;

        boolean done;

        Branch(SipRequest invite, Destination destination) {
            this.invite = invite;
            this.destination = destination;
        }
    }

    /** The routing result is in: the first group's INVITEs go out (or 404). Runs on the call's lane. */
    void start(Call call, List<List<Route>> groups) {
        if (call.cancelled) return; // A's CANCEL came during the lookup: 487 is out, nothing was stored
        if (groups.isEmpty() || groups.get(0).isEmpty()) {
            c.fail(call, StatusCodes.NOT_FOUND, null);
            return;
        }
        call.pendingGroups = new ArrayList<>(groups);
        nextGroup(call);
    }

    private void nextGroup(Call call) {
        List<Route> group = call.pendingGroups.remove(0);
        List<Branch> branches = new ArrayList<>();
        for (Route r : group) {
            Destination next = Destinations.nextHop(r.requestUri(), r.routeSet());
            String via = c.stack()
                    .transport()
                    .viaFor(next.transport(), TransactionLayer.newBranch())
                    .toString();
            SipRequest invite;
            if (call.bInvite == null) {
                invite = Messages.legBInvite(
                        call.aInvite,
                        r.requestUri(),
                        r.routeSet(),
                        call.legBCallId,
                        c.settings().contactHost(),
                        c.contact(next.transport()),
                        via);
            } else { // another fork: the same Call-ID and From tag, its own target, route and branch
                SipRequest.Builder b = call.bInvite.toBuilder()
                        .requestUri(r.requestUri())
                        .remove(HeaderName.VIA)
                        .remove(HeaderName.ROUTE)
                        .set(HeaderName.CONTACT, c.contact(next.transport()))
                        .addFirst(HeaderName.VIA, via);
                for (String route : r.routeSet()) b.add(HeaderName.ROUTE, route);
                invite = b.build();
            }
            if (call.bInvite == null) {
                call.bInvite = invite;
                call.bDestination = next;
            }
            branches.add(new Branch(invite, next));
        }
        call.branches = branches;
        if (call.record.legBInvite().length == 0) {
            // write-through: another instance can CANCEL (the first branch) or take over from here on
            Branch first = branches.get(0);
            var stored = call.record.toBuilder()
                    .legBInvite(first.invite.toBytes())
                    .legBDestination(Destinations.format(first.destination))
                    .build();
            c.store().put(stored);
            call.record = stored;
        }
        for (Branch b : branches) {
            b.tx = (InviteClientTransaction) c.stack()
                    .transactions()
                    .sendRequest(b.invite, CallController.toTransaction(b.destination), new BranchUser(call, b));
        }
    }

    /** A's CANCEL: CANCEL every live branch (or as soon as it has had a provisional response). */
    void cancelAll(Call call) {
        if (call.branches == null) return;
        call.pendingGroups = List.of();
        for (Branch b : call.branches) cancel(b);
    }

    boolean started(Call call) {
        return call.branches != null;
    }

    private void cancel(Branch b) {
        if (b.done) return;
        if (b.provisionalSeen) {
            b.cancelPending = false;
            c.stack()
                    .transactions()
                    .sendRequest(
                            TransactionRequests.cancel(b.invite),
                            CallController.toTransaction(b.destination),
                            CallController.IGNORE);
        } else {
            b.cancelPending = true;
        }
    }

    /** A branch's INVITE transaction: every event goes to the call's lane. */
    private final class BranchUser implements ClientTransactionUser {
        private final Call call;
        private final Branch branch;

        BranchUser(Call call, Branch branch) {
            this.call = call;
            this.branch = branch;
        }

        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {
            c.onLane(call, () -> provisional(call, branch, response));
        }

        @Override
        public void onFinal(ClientTransaction tx, SipResponse response) {
            c.onLane(call, () -> fin(call, branch, response));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            // Timer B: no answer at all from this branch. 408, as a proxy would (RFC 3261 §16.7 step 6).
            c.onLane(call, () -> failed(call, branch, StatusCodes.REQUEST_TIMEOUT));
        }

        @Override
        public void onTransportError(ClientTransaction tx, Exception cause) {
            // B cannot be reached: 480, not 503 (a 503 would tell the caller that this B2BUA is unavailable).
            c.onLane(call, () -> failed(call, branch, StatusCodes.TEMPORARILY_UNAVAILABLE));
        }
    }

    private void provisional(Call call, Branch branch, SipResponse response) {
        branch.provisionalSeen = true;
        if (branch.cancelPending) {
            cancel(branch);
            return;
        }
        if (call.cancelled || response.status() == StatusCodes.TRYING || call.aOk != null) return;
        if (response.to().tag() != null) {
            call.bDialog = dialogFor(call, branch, response);
            if (call.aDialog == null) call.aDialog = Dialogs.createUas(call.aInvite, call.aTag, false);
            if (call.record.phase() == CallPhase.INITIAL) {
                c.persist(call, b -> b.phase(CallPhase.EARLY)
                        .legADialog(call.aDialog.toBytes())
                        .legBDialog(call.bDialog.toBytes()));
            }
        }
        call.aInviteTx.sendResponse(Messages.relayToA(call.aInvite, call.aTag, response, c.contactForA(call)));
    }

    private void fin(Call call, Branch branch, SipResponse response) {
        if (response.isSuccess()) {
            success(call, branch, response);
        } else {
            failed(call, branch, response.status());
        }
    }

    private void success(Call call, Branch branch, SipResponse response) {
        boolean winner = call.bDialog != null
                && call.aOk != null
                && call.bDialog.remoteTag().equals(response.to().tag())
                && call.bDialog.callId().equals(response.callId());
        if (call.aOk != null && winner) {
            if (call.bAck != null) c.resendAckB(call); // a retransmitted 2xx: our ACK was lost (§13.2.2.4)
            return; // else a retransmission before A's ACK: we ACK B when A ACKs
        }
        branch.done = true;
        if (call.aOk != null || call.cancelled) {
            // another fork answered too, or B answered despite our CANCEL (they crossed): ACK it, then BYE it
            c.ackAndBye(keepTheEdgeInTheRoute(Dialogs.createUac(branch.invite, response), branch.invite));
            if (call.cancelled && allDone(call)) c.end(call);
            return;
        }
        call.bDialog = dialogFor(call, branch, response);
        for (Branch other : call.branches) {
            if (other != branch) cancel(other);
        }
        call.pendingGroups = List.of();
        c.answered(call, response);
    }

    private void failed(Call call, Branch branch, int status) {
        if (branch.done) return;
        branch.done = true;
        if (call.bestFailure == 0 || better(status, call.bestFailure)) call.bestFailure = status;
        if (call.aOk != null) return; // a losing fork's 487 after our CANCEL
        if (!allDone(call)) return;
        if (call.cancelled) {
            c.end(call); // the 487s for our CANCELs; A has its 487 already
        } else if (!call.pendingGroups.isEmpty() && call.bestFailure < 600) {
            nextGroup(call); // sequential forking: the next lower q (a 6xx ends the search, §16.7 step 5)
        } else {
            c.fail(call, call.bestFailure, null);
        }
    }

    private static boolean allDone(Call call) {
        for (Branch b : call.branches) {
            if (!b.done) return false;
        }
        return true;
    }

    /** RFC 3261 §16.7 step 6: a 6xx beats everything; otherwise the lowest class wins, 408 and 5xx last. */
    static boolean better(int candidate, int current) {
        if (current >= 600) return false;
        if (candidate >= 600) return true;
        return rank(candidate) < rank(current);
    }

    private static int rank(int status) {
        if (status == StatusCodes.REQUEST_TIMEOUT || status == StatusCodes.TEMPORARILY_UNAVAILABLE) return 499;
        if (status >= 500) return 500 + status % 100;
        return status;
    }

    private static DialogState dialogFor(Call call, Branch branch, SipResponse response) {
        if (call.bDialog != null
                && call.bDialog.remoteTag().equals(response.to().tag())) {
            return keepTheEdgeInTheRoute(call.bDialog.applyResponse(response), branch.invite);
        }
        return keepTheEdgeInTheRoute(Dialogs.createUac(branch.invite, response), branch.invite);
    }

    /**
     * DESIGN.md: every packet to or from outside passes the edge. The edge record-routes leg B's INVITE, but a UA
     * that does not echo Record-Route (RFC 3261 §12.1.1 says it must; SIPp's stock uas does not) would leave the
     * dialog without a route set, and our in-dialog requests would go straight to its Contact. Leg B's INVITE was
     * routed by the callee's Path (the edge and the UA's flow), so that route is kept for the dialog then.
     */
    static DialogState keepTheEdgeInTheRoute(DialogState dialog, SipRequest invite) {
        if (!dialog.routeSet().isEmpty() || !invite.hasHeader(HeaderName.ROUTE)) return dialog;
        return dialog.withRouteSet(
                invite.routes().stream().map(NameAddress::toString).toList());
    }
}
