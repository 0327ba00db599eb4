package io.siplane.sip.transport;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;

/**
 * What the transport hands upstream (to the transaction layer, or a stateless proxy core). Called on a Netty event
 * loop: implementations must not block, and should hand work off quickly.
 */
public interface MessageHandler {
    /**
     * A request that parsed; its top Via already carries {@code received}/{@code rport} as RFC 3261 §18.2.1 and
     * RFC 3581 §4 require.
     */
    void onRequest(SipRequest request, Flow flow);

    /** A response whose top Via names this element (RFC 3261 §18.1.2). */
    void onResponse(SipResponse response, Flow flow);

    /**
     * A connection closed (peer close, idle timeout, framing error, shutdown). RFC 5626: an edge proxy drops the
     * registrations that depend on the flow; a transaction over it reports a transport error.
     */
    default void onFlowClosed(Flow flow) {}
}
