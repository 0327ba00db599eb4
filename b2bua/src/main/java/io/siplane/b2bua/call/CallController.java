package io.siplane.b2bua.call;

import io.siplane.b2bua.cdr.CdrSink;
import io.siplane.b2bua.routing.Router;
import io.siplane.b2bua.state.CallPhase;
import io.siplane.b2bua.state.CallRecord;
import io.siplane.b2bua.state.CallStore;
import io.siplane.sip.dialog.DialogRequest;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.dialog.RemoteRequestOutcome;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.stack.SipStack;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.Destination;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transport.TransportType;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The B2BUA's transaction user: one handler per method on leg A and leg B. Every event of a call runs on the call's
 * lane (keyed by leg A's Call-ID), never on a Netty thread, because it writes through to the shared {@link
 * CallStore}: a phase change is in the cache before the message that depends on it leaves (ADR 0011).
 */
public final class CallController implements ServerTransactionUser, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallController.class);
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, PRACK, INFO, MESSAGE, NOTIFY";

    private final B2buaSettings settings;
    private final CallStore store;
    private final Router router;
    private final CallEvents events;
    private final Lanes lanes;
    private final ScheduledExecutorService timers;
    /** Calls held here, by both legs' SIP Call-IDs. */
    private final ConcurrentMap<String, Call> calls = new ConcurrentHashMap<>();

    private final InDialogRelay inDialogRelay = new InDialogRelay(this);
    private final LegBInvites legB = new LegBInvites(this);
    private final OutOfDialogRelay outOfDialogRelay;

    private volatile SipStack stack;

    private final CallTimerScan timerScan;

    public CallController(
            B2buaSettings settings, CallStore store, Router router, CallMetrics m, Membership members, CdrSink cdrs) {
        this.settings = settings;
        this.store = store;
        this.router = router;
        this.events = new CallEvents(m, cdrs, settings.instanceId());
        this.lanes = new Lanes(settings.workerThreads(), "b2bua-call");
        this.outOfDialogRelay = new OutOfDialogRelay(this, router);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "b2bua-call-timers");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        this.timerScan = new CallTimerScan(this, store, members, settings.instanceId());
    }

    /** Starts the periodic scan for calls past their deadlines (max duration, session expiry). */
    void startTimerScan() {
        long every = settings.timerScanInterval().toMillis();
        timers.scheduleWithFixedDelay(timerScan, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The timer scan found the call past a deadline: BYE on both legs. Runs on the call's lane; the call is taken
     * over from the store when this instance does not hold it (its owner died).
     */
    void expire(String legACallId, String reason) {
        Call call = find(legACallId);
        if (call == null || CallTimerScan.due(call.record, System.currentTimeMillis()) == null) return;
        LOG.infof("%s: %s; ending it", call, reason);
        events.expired(call, reason);
        hangUp(call);
    }

    /** The stack this controller is the transaction user of; set once, before the stack starts. */
    public void attach(SipStack stack) {
        this.stack = stack;
    }

    /** Calls held in this instance's memory. */
    public int activeCalls() {
        return (int) calls.values().stream().distinct().count();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        lanes.close();
    }

    // ---- from the transaction layer (transport threads): hand over to the call's lane -------------------------

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        SipMethod m = request.method();
        boolean inDialog = Dialogs.isInDialog(request);
        if (m == SipMethod.INVITE && !inDialog) {
            lanes.execute(request.callId(), () -> guarded(() -> newCall((InviteServerTransaction) tx, request)));
        } else if (inDialog) {
            lanes.execute(laneOf(request.callId()), () -> guarded(() -> inDialog(tx, request)));
        } else {
            // MESSAGE, OPTIONS (the edge's health ping when it names no user)
            lanes.execute(request.callId(), () -> guarded(() -> outOfDialogRelay.handle(tx, request)));
        }
    }

    @Override
    public void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction) {
        lanes.execute(laneOf(ack.callId()), () -> guarded(() -> ackFromA(ack)));
    }

    @Override
    public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
        lanes.execute(laneOf(cancel.callId()), () -> guarded(() -> cancelFromA(cancel)));
    }

    @Override
    public void onTimeout(ServerTransaction transaction) {
        // Timer H: no ACK for a 3xx-6xx we sent to A; the call is already over.
    }

    @Override
    public void onTransportError(ServerTransaction transaction, Exception cause) {
        LOG.debugf("cannot send a response for %s: %s", transaction.request().callId(), cause.toString());
    }

    // ---- for the per-method handlers ------------------------------------------------------------------------

    SipStack stack() {
        return stack;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    CallStore store() {
        return store;
    }

    B2buaSettings settings() {
        return settings;
    }

    /** Runs {@code task} on the call's lane, logging what it throws. */
    void onLane(Call call, Runnable task) {
        onLane(call.legACallId, task);
    }

    void onLane(String laneKey, Runnable task) {
        lanes.execute(laneKey, () -> guarded(task));
    }

    private String laneOf(String sipCallId) {
        Call call = calls.get(sipCallId);
        return call == null ? sipCallId : call.legACallId;
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("call handling failed", e);
        }
    }

    // ---- INVITE on leg A: route, then INVITE on leg B ----------------------------------------------------------

    private void newCall(InviteServerTransaction tx, SipRequest invite) {
        if (invite.maxForwards() == 0) {
            tx.sendResponse(Messages.answer(invite, TransactionLayer.newTag(), StatusCodes.TOO_MANY_HOPS));
            return;
        }
        if (!(invite.requestUri() instanceof SipUri callee)) {
            tx.sendResponse(Messages.answer(invite, TransactionLayer.newTag(), StatusCodes.UNSUPPORTED_URI_SCHEME));
            return;
        }
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        CallRecord record = CallRecord.initial(
                id, invite.callId(), id + "@" + settings.contactHost(), settings.instanceId(), now, 0);
        Call call = new Call(record);
        call.aInviteTx = tx;
        call.aInvite = invite;
        call.aTag = TransactionLayer.newTag();
        calls.put(call.legACallId, call);
        calls.put(call.legBCallId, call);
        events.started(call);
        router.targets(callee)
                .whenComplete((groups, err) -> onLane(call, () -> {
                    if (err == null) legB.start(call, groups);
                    else unroutable(call);
                }));
    }

    /** The route could not be determined (the location service timed out or failed): 503, the caller may retry. */
    private void unroutable(Call call) {
        if (call.cancelled) return;
        fail(call, StatusCodes.SERVICE_UNAVAILABLE, null);
    }

    /** B's 2xx won: the 2xx to A (after the CONFIRMED phase is stored), and the max-duration timer. */
    void answered(Call call, SipResponse response) {
        if (call.aDialog == null) call.aDialog = Dialogs.createUas(call.aInvite, call.aTag, false);
        SipResponse ok = Messages.relayToA(call.aInvite, call.aTag, response, contactForA(call));
        call.aDialog = call.aDialog.applySentResponse(ok);
        call.aOk = ok;
        long now = System.currentTimeMillis();
        Duration max = settings.maxCallDuration();
        persist(call, b -> b.phase(CallPhase.CONFIRMED)
                .legADialog(call.aDialog.toBytes())
                .legBDialog(call.bDialog.toBytes())
                .answeredAtMillis(now)
                .legBInvite(null) // a 2xx cannot be cancelled
                .maxDurationDeadlineMillis(max.isZero() ? 0 : now + max.toMillis())
                .sessionTimerDeadlineMillis(sessionDeadline(response, now)));
        events.answered(call);
        call.aInviteTx.sendResponse(ok);
        if (!call.aInviteTx.source().isReliableTransport())
            retransmitOk(call, stack.transactions().config().t1());
    }

    /**
     * RFC 4028: when the negotiated 2xx carries Session-Expires, the session ends without a refresh (a relayed
     * re-INVITE or UPDATE whose 2xx carries it again) within that many seconds; 0 when session timers are off.
     */
    static long sessionDeadline(SipResponse ok, long now) {
        if (!ok.hasHeader(HeaderName.SESSION_EXPIRES)) return 0;
        try {
            return now + ok.sessionExpires().deltaSeconds() * 1000;
        } catch (RuntimeException malformed) {
            return 0;
        }
    }

    /** Ends an unanswered call with {@code status} to A. */
    void fail(Call call, int status, String reason) {
        events.failed(call, status);
        end(call);
        SipResponse.Builder b = SipResponse.forRequest(call.aInvite, status).toTag(call.aTag);
        if (reason != null) b.reason(reason);
        call.aInviteTx.sendResponse(b.build());
    }

    /** RFC 3261 §13.3.1.4: the UAS core retransmits its 2xx, T1 doubling up to T2, until the ACK. */
    private void retransmitOk(Call call, Duration interval) {
        Duration t2 = stack.transactions().config().t2();
        Duration giveUp = stack.transactions().config().t1().multipliedBy(64);
        long elapsed = System.currentTimeMillis() - call.record.answeredAtMillis();
        if (elapsed >= giveUp.toMillis()) {
            LOG.infof("%s: no ACK from A for the 2xx; ending the call", call);
            hangUp(call);
            return;
        }
        call.aOkRetransmission = timers.schedule(
                () -> lanes.execute(
                        call.legACallId,
                        () -> guarded(() -> {
                            if (call.bAck != null || !calls.containsKey(call.legACallId)) return;
                            call.aInviteTx.sendResponse(call.aOk);
                            Duration next = interval.multipliedBy(2);
                            retransmitOk(call, next.compareTo(t2) > 0 ? t2 : next);
                        })),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    // ---- ACK and CANCEL from leg A --------------------------------------------------------------------------

    private void ackFromA(SipRequest ack) {
        Call call = find(ack.callId());
        if (call == null) return;
        boolean initial =
                call.isLegA(ack.callId()) && call.aDialog != null && ack.cseq().number() == call.aDialog.initialCseq();
        if (!initial) {
            inDialogRelay.ack(call, ack); // the ACK of a relayed re-INVITE's 2xx, from either leg
            return;
        }
        if (call.bDialog == null || !call.bDialog.isConfirmed()) return;
        if (call.aOkRetransmission != null) call.aOkRetransmission.cancel(false);
        if (call.bAck != null) return; // a retransmitted ACK (A resent it for a retransmitted 2xx)
        ackB(call, ack);
    }

    /** The ACK for B's 2xx once more: B retransmitted its 2xx (RFC 3261 §13.2.2.4). */
    void resendAckB(Call call) {
        stack.sendAck(call.bAck, Destinations.nextHop(call.bDialog));
    }

    /** A 2xx from a fork that lost, or that crossed our CANCEL: ACK it, then BYE it (RFC 3261 §16.7 step 5 as UAC). */
    void ackAndBye(DialogState dialog) {
        stack.sendAck(Dialogs.ackFor2xx(dialog, dialog.initialCseq()).build(), Destinations.nextHop(dialog));
        stack.sendRequest(
                Dialogs.newRequest(dialog, SipMethod.BYE).request().build(), Destinations.nextHop(dialog), IGNORE);
    }

    /** The ACK for B's 2xx (RFC 3261 §13.2.2.4), with A's ACK body if there is one (late offer answer). */
    private void ackB(Call call, SipRequest aAck) {
        SipRequest.Builder b = Dialogs.ackFor2xx(call.bDialog, call.bDialog.initialCseq());
        if (aAck != null && aAck.bodyLength() > 0) b.body(aAck.contentType(), aAck.body());
        call.bAck = b.build();
        stack.sendAck(call.bAck, Destinations.nextHop(call.bDialog));
    }

    private void cancelFromA(SipRequest cancel) {
        Call call = calls.get(cancel.callId());
        if (call == null || call.aOk != null || call.cancelled) return;
        call.cancelled = true;
        if (legB.started(call)) persist(call, b -> b.phase(CallPhase.TERMINATING));
        call.aInviteTx.sendResponse(Messages.answer(call.aInvite, call.aTag, StatusCodes.REQUEST_TERMINATED));
        events.failed(call, StatusCodes.REQUEST_TERMINATED);
        if (!legB.started(call)) {
            forget(call); // still routing: nothing was sent on leg B nor stored
        } else {
            legB.cancelAll(call);
        }
        // RFC 3261 §9.1: without a final response 64*T1 after the CANCEL, consider the INVITE cancelled.
        long giveUp = stack.transactions().config().t1().multipliedBy(64).toMillis();
        timers.schedule(
                () -> lanes.execute(
                        call.legACallId,
                        () -> guarded(() -> {
                            if (calls.get(call.legACallId) == call) end(call);
                        })),
                giveUp,
                TimeUnit.MILLISECONDS);
    }

    // ---- requests within a dialog, from either leg ----------------------------------------------------------

    private void inDialog(ServerTransaction tx, SipRequest request) {
        Call call = find(request.callId());
        if (call == null) {
            tx.sendResponse(Messages.answer(request, null, StatusCodes.CALL_DOES_NOT_EXIST));
            return;
        }
        if (request.method() == SipMethod.BYE) {
            bye(call, tx, request);
        } else {
            inDialogRelay.relay(call, tx, request); // re-INVITE, UPDATE, PRACK, INFO, MESSAGE, NOTIFY
        }
    }

    /** BYE from one leg: 200 to it, BYE to the other leg (after the TERMINATING phase is stored). */
    private void bye(Call call, ServerTransaction tx, SipRequest bye) {
        boolean fromA = call.isLegA(bye.callId());
        DialogState near = fromA ? call.aDialog : call.bDialog;
        if (near == null) {
            tx.sendResponse(Messages.answer(bye, null, StatusCodes.CALL_DOES_NOT_EXIST));
            return;
        }
        RemoteRequestOutcome outcome = near.acceptRemoteRequest(bye);
        if (!outcome.accepted()) {
            tx.sendResponse(Messages.answer(bye, null, outcome.verdict().status()));
            return;
        }
        SipResponse ok = SipResponse.forRequest(bye, StatusCodes.OK).build();
        DialogState nearAfter = outcome.state().applySentResponse(ok);
        DialogState far = fromA ? call.bDialog : call.aDialog;
        if (fromA) call.aDialog = nearAfter;
        else call.bDialog = nearAfter;
        if (far == null || far.isTerminated()) {
            tx.sendResponse(ok);
            end(call);
            return;
        }
        DialogRequest farBye = Dialogs.newRequest(far, SipMethod.BYE);
        if (fromA) call.bDialog = farBye.state();
        else call.aDialog = farBye.state();
        persist(call, b -> b.phase(CallPhase.TERMINATING)
                .legADialog(call.aDialog.toBytes())
                .legBDialog(call.bDialog.toBytes()));
        tx.sendResponse(ok);
        send(call, farBye.request().build(), far);
    }

    /** Ends an answered call from here: BYE on both legs (max duration, no ACK for our 2xx). */
    private void hangUp(Call call) {
        if (calls.get(call.legACallId) != call) return;
        if (call.aOk != null && call.bAck == null && call.bDialog != null && call.bDialog.isConfirmed())
            ackB(call, null);
        if (call.aDialog != null && call.aDialog.isConfirmed()) sendBye(call, call.aDialog, true);
        if (call.bDialog != null && call.bDialog.isConfirmed()) sendBye(call, call.bDialog, false);
        if (call.aDialog == null && call.bDialog == null) end(call);
    }

    private void sendBye(Call call, DialogState dialog, boolean legA) {
        DialogRequest bye = Dialogs.newRequest(dialog, SipMethod.BYE);
        if (legA) call.aDialog = bye.state();
        else call.bDialog = bye.state();
        persist(call, b -> b.phase(CallPhase.TERMINATING));
        send(call, bye.request().build(), dialog);
    }

    private void send(Call call, SipRequest request, DialogState dialog) {
        stack.sendRequest(request, Destinations.nextHop(dialog), new ClientTransactionUser() {
            @Override
            public void onProvisional(ClientTransaction transaction, SipResponse response) {}

            @Override
            public void onFinal(ClientTransaction transaction, SipResponse response) {
                lanes.execute(call.legACallId, () -> guarded(() -> end(call)));
            }

            @Override
            public void onTimeout(ClientTransaction transaction) {
                lanes.execute(call.legACallId, () -> guarded(() -> end(call)));
            }

            @Override
            public void onTransportError(ClientTransaction transaction, Exception cause) {
                lanes.execute(call.legACallId, () -> guarded(() -> end(call)));
            }
        });
    }

    // ---- state: memory, store, take-over ------------------------------------------------------------------

    /**
     * The call with this SIP Call-ID: from memory, else from the shared store (another instance set it up and is
     * gone, or the edge sent this request here): this instance takes it over (ADR 0011).
     */
    private Call find(String sipCallId) {
        Call call = calls.get(sipCallId);
        if (call != null) return call;
        Optional<CallRecord> stored = store.findByLegCallId(sipCallId);
        if (stored.isEmpty()) return null;
        call = new Call(stored.get());
        if (stored.get().legBDestination() != null)
            call.bDestination = Destinations.parse(stored.get().legBDestination());
        if (stored.get().legBInvite().length > 0)
            call.bInvite = Messages.parseRequest(stored.get().legBInvite());
        Call raced = calls.putIfAbsent(call.legACallId, call);
        if (raced != null) return raced;
        calls.put(call.legBCallId, call);
        events.takenOver(call);
        LOG.infof("taking over %s from %s", call, stored.get().ownerInstance());
        persist(call, b -> b);
        return call;
    }

    /**
     * Writes the call's record with {@code change} applied and this instance as owner. On a conflict (another
     * instance wrote in between) the change is applied to the fresh record once more.
     */
    void persist(Call call, UnaryOperator<CallRecord.Builder> change) {
        for (int attempt = 0; attempt < 2; attempt++) {
            CallRecord updated = change.apply(call.record.toBuilder().ownerInstance(settings.instanceId()))
                    .build();
            if (store.replace(call.record, updated)) {
                call.record = updated;
                return;
            }
            Optional<CallRecord> fresh = store.get(call.id);
            if (fresh.isEmpty()) return; // ended elsewhere
            call.record = fresh.get();
        }
        LOG.warnf("%s: state changed concurrently twice; keeping the stored one", call);
    }

    /** The call is over: out of memory and out of the store. */
    void end(Call call) {
        if (calls.get(call.legACallId) != call) return;
        forget(call);
        store.remove(call.record);
        events.ended(call);
    }

    private void forget(Call call) {
        call.cancelTimers();
        calls.remove(call.legACallId, call);
        calls.remove(call.legBCallId, call);
    }

    String contact(TransportType transport) {
        int port = settings.contactPort() > 0
                ? settings.contactPort()
                : stack.transport().localAddress(TransportType.UDP).getPort();
        return Messages.contact(settings.contactHost(), port, settings.instanceId(), transport);
    }

    String contactForA(Call call) {
        TransportType t =
                TransportType.fromName(call.aInviteTx.source().transport()).orElse(TransportType.UDP);
        return contact(t);
    }

    static Destination toTransaction(io.siplane.sip.transport.Destination d) {
        return Destination.of(d.transport().viaName(), d.address());
    }

    static final ClientTransactionUser IGNORE = new ClientTransactionUser() {
        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {}

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {}

        @Override
        public void onTimeout(ClientTransaction transaction) {}

        @Override
        public void onTransportError(ClientTransaction transaction, Exception cause) {}
    };
}
