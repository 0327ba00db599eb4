package io.siplane.sip.transaction;

/**
 * A message could not be sent (RFC 3261 §17.1.4, §17.2.4): thrown by {@link TransactionTransport#send} when the
 * failure is known at once, or handed to {@link Transaction#transportError} when it is known later.
 */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
