package io.siplane.sip.transaction;

import io.siplane.sip.message.SipRequest;

/**
 * What the server side of the layer tells its user (the UAS core, a proxy core). Callbacks run on a transport or timer
 * thread, without any transaction lock held.
 */
public interface ServerTransactionUser {

    /**
     * A new request arrived and has its server transaction; answer it with {@link ServerTransaction#sendResponse}.
     * Not called for retransmissions, for ACKs, or for a CANCEL that the layer answers itself.
     */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /**
     * An ACK that is the TU's business: an ACK for a 2xx (RFC 6026 §7.1: passed to the TU, also when it matches an
     * INVITE server transaction in the Accepted state), or an ACK that matches no transaction.
     *
     * @param transaction the INVITE server transaction the ACK matched, or null
     */
    void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction);

    /**
     * A CANCEL matched an INVITE server transaction that has not sent a final response (RFC 3261 §9.2). The layer
     * has already answered the CANCEL with 200; a UAS now answers the INVITE with 487, a proxy cancels its branches
     * (§16.10).
     */
    void onCancel(InviteServerTransaction invite, SipRequest cancel);

    /** Timer H fired: no ACK came for a 3xx–6xx to an INVITE (§17.2.1). */
    void onTimeout(ServerTransaction transaction);

    /** A response could not be sent (§17.2.4). */
    void onTransportError(ServerTransaction transaction, Exception cause);

    /** The transaction has ended and left the layer's tables. */
    default void onTerminated(ServerTransaction transaction) {}
}
