package io.siplane.b2bua.call;

import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.transaction.Destination;
import io.siplane.sip.transaction.InviteServerTransaction;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.ServerTransactionUser;
import io.siplane.sip.transaction.TransactionLayer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful drain: in front of the {@link CallController}. While draining, requests that would create a dialog
 * (INVITE, SUBSCRIBE, REFER outside a dialog) get 503 with Retry-After, and so do OPTIONS — the edges' health
 * pings — so that the edges take this instance off their rings. Everything else (the in-dialog requests, ACKs and
 * CANCELs of the calls already here, out-of-dialog MESSAGE) goes on to the controller. The 503 is sent right away
 * on the transport thread: it writes nothing to the shared state.
 */
public final class DrainGate implements ServerTransactionUser {
    private static final Set<SipMethod> REFUSED =
            Set.of(SipMethod.INVITE, SipMethod.SUBSCRIBE, SipMethod.REFER, SipMethod.OPTIONS);

    private final ServerTransactionUser next;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final int retryAfterSeconds;

    DrainGate(ServerTransactionUser next, int retryAfterSeconds) {
        this.next = next;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Starts draining; true when this call started it, false when the instance was draining already. */
    boolean start() {
        return draining.compareAndSet(false, true);
    }

    public boolean draining() {
        return draining.get();
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        if (draining.get() && REFUSED.contains(request.method()) && !Dialogs.isInDialog(request)) {
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.SERVICE_UNAVAILABLE)
                    .toTag(TransactionLayer.newTag())
                    .reason("Draining")
                    .add(HeaderName.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                    .build());
            return;
        }
        next.onRequest(tx, request);
    }

    @Override
    public void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction) {
        next.onAck(ack, source, transaction);
    }

    @Override
    public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
        next.onCancel(invite, cancel);
    }

    @Override
    public void onTimeout(ServerTransaction transaction) {
        next.onTimeout(transaction);
    }

    @Override
    public void onTransportError(ServerTransaction transaction, Exception cause) {
        next.onTransportError(transaction, cause);
    }

    @Override
    public void onTerminated(ServerTransaction transaction) {
        next.onTerminated(transaction);
    }
}
