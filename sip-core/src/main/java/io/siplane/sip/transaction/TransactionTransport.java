package io.siplane.sip.transaction;

import io.siplane.sip.message.SipMessage;

/** The port to the transport layer (RFC 3261 §18): what the transaction layer needs from it, no more. */
public interface TransactionTransport {

    /**
     * Sends {@code message} to {@code destination}, without blocking. A failure known at once is thrown; a failure
     * known later is reported to the transaction with {@link Transaction#transportError(Exception)}.
     *
     * @throws TransportException when the message cannot be sent
     */
    void send(SipMessage message, Destination destination);

    /**
     * True when messages to {@code destination} travel over a reliable transport, so that the transaction does not
     * retransmit and timers D, I, J and K are zero (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
     */
    default boolean isReliable(Destination destination) {
        return destination.isReliableTransport();
    }
}
