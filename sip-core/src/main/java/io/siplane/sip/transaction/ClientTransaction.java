package io.siplane.sip.transaction;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;

/** A client transaction (RFC 3261 §17.1): sends one request and delivers its responses to a {@link ClientTransactionUser}. */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {
    final Destination destination;
    final ClientTransactionUser user;

    ClientTransaction(
            Object key,
            SipRequest request,
            Destination destination,
            ClientTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, request, transport, timers, config, transport.isReliable(destination), hooks);
        this.destination = destination;
        this.user = user;
    }

    /** Where the request (and its retransmissions, and an ACK for 3xx–6xx) goes. */
    public Destination destination() {
        return destination;
    }

    public ClientTransactionUser user() {
        return user;
    }

    /** Sends the request and starts the timers: the initial arrow of the RFC figure. */
    abstract void start();

    /** A response matched this transaction (RFC 3261 §17.1.3). */
    final void receiveResponse(SipResponse response) {
        event(() -> onResponse(response));
    }

    /** Under the monitor. */
    abstract void onResponse(SipResponse response);

    final void tellProvisional(SipResponse r) {
        notifyUser(() -> user.onProvisional(this, r));
    }

    final void tellFinal(SipResponse r) {
        notifyUser(() -> user.onFinal(this, r));
    }

    final void tellTimeout() {
        notifyUser(() -> user.onTimeout(this));
    }

    final void tellTransportError(Exception cause) {
        notifyUser(() -> user.onTransportError(this, cause));
    }

    @Override
    final void notifyTerminated() {
        notifyUser(() -> user.onTerminated(this));
    }
}
