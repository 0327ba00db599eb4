package io.siplane.sip.transaction;

import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.util.Objects;

/**
 * A server transaction (RFC 3261 §17.2): receives one request, absorbs its retransmissions, and sends the responses
 * its {@link ServerTransactionUser} gives it to the address of RFC 3261 §18.2.2 ({@link ResponseAddressing}).
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {
    final Destination source;
    final Destination responseDestination;
    final ServerTransactionUser user;
    /** RFC 3261 §8.2.2.2 key while this transaction guards against merged requests, else null. */
    volatile Object mergeKey;

    private SipResponse lastResponse;

    ServerTransaction(
            Object key,
            SipRequest request,
            Destination source,
            Destination responseDestination,
            ServerTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, request, transport, timers, config, transport.isReliable(responseDestination), hooks);
        this.source = source;
        this.responseDestination = responseDestination;
        this.user = user;
    }

    /** The peer the request came from, with its connection. */
    public Destination source() {
        return source;
    }

    /** Where responses go (RFC 3261 §18.2.2). */
    public Destination responseDestination() {
        return responseDestination;
    }

    /** The last response the transaction sent, or null. */
    public synchronized SipResponse lastResponse() {
        return lastResponse;
    }

    /** True once a final response was sent. */
    public synchronized boolean hasFinalResponse() {
        return lastResponse != null && lastResponse.isFinal();
    }

    /**
     * Sends a response from the TU: the "xxx from TU" arrows of the RFC figures.
     *
     * @return false when the state does not take it (a final response was already sent, or the transaction has
     *     ended); the response was then not sent
     * @throws IllegalArgumentException when the response's CSeq method is not the request's
     */
    public final boolean sendResponse(SipResponse response) {
        Objects.requireNonNull(response, "response");
        SipMethod m = response.cseq().method();
        if (!m.equals(request.method())) {
            throw new IllegalArgumentException("response to " + m + " sent in a " + request.method() + " transaction");
        }
        return event(() -> onResponseFromTu(response));
    }

    /** Under the monitor. */
    abstract boolean onResponseFromTu(SipResponse response);

    /** A retransmission of the request matched this transaction (RFC 3261 §17.2.3). */
    final void receiveRetransmission(SipRequest retransmission) {
        event(() -> onRequestRetransmission(retransmission));
    }

    /** Under the monitor. */
    abstract void onRequestRetransmission(SipRequest retransmission);

    /** Under the monitor: sends a response and remembers it as the last one. */
    final boolean sendAndRemember(SipResponse response) {
        lastResponse = response;
        return send(response, responseDestination);
    }

    /**
     * RFC 3261 §17.2.3 for RFC 2543 requests: the layer's key leaves out the To tag, so the transaction checks it.
     * A request matches when its To tag is the original request's; an ACK when its To tag is the one of the final
     * response this transaction sent.
     */
    final synchronized boolean toTagMatches(SipRequest r) {
        String tag = r.to().tag();
        String expected = request.to().tag();
        if (r.method() == SipMethod.ACK && lastResponse != null && lastResponse.isFinal()) {
            expected = lastResponse.to().tag();
        }
        return Objects.equals(tag, expected);
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
