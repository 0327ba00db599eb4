package io.siplane.sip.transport;

import java.io.IOException;

/**
 * A send that the transport could not carry out for a reason of its own (no route to a transport, connection
 * limit, no listening point, unsupported transport). Network failures surface as the JDK/Netty exceptions
 * ({@link java.net.ConnectException} and friends). Either way the transaction layer treats it as the RFC 3261
 * §17.1.1.2 / §17.1.2.2 transport error, and RFC 3263 §4.3 failover tries the next target.
 */
public final class TransportException extends IOException {
    public TransportException(String message) {
        super(message);
    }
}
