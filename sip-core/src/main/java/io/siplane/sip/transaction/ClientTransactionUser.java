package io.siplane.sip.transaction;

import io.siplane.sip.message.SipResponse;

/**
 * What a client transaction tells its user (the UAC core, a proxy's response context, a dialog). Callbacks run on a
 * transport or timer thread, without any transaction lock held, in the order the transaction produced them.
 */
public interface ClientTransactionUser {

    /** A 1xx arrived (RFC 3261 §17.1.1.2, §17.1.2.2). */
    void onProvisional(ClientTransaction transaction, SipResponse response);

    /**
     * A final response arrived. For an INVITE, every 2xx is passed on, retransmissions included (RFC 6026 §7.2:
     * the TU sends the ACK for 2xx, so it must see the retransmissions); a 3xx–6xx is passed on once and the
     * transaction acknowledges it itself.
     */
    void onFinal(ClientTransaction transaction, SipResponse response);

    /** Timer B or Timer F fired without a final response (§17.1.1.2, §17.1.2.2); the TU treats it as 408. */
    void onTimeout(ClientTransaction transaction);

    /** The request could not be sent (§17.1.4); the TU treats it as 503. */
    void onTransportError(ClientTransaction transaction, Exception cause);

    /** The transaction has ended and left the layer's tables. */
    default void onTerminated(ClientTransaction transaction) {}
}
