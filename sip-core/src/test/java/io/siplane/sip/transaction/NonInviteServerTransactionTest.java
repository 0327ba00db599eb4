package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.Sip.TCP_PEER;
import static io.siplane.sip.transaction.Sip.UDP_PEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2 (Figure 8). */
class NonInviteServerTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest options = Sip.arrived(Sip.options("UDP"), UDP_PEER);

    private ServerTransaction receive() {
        h.layer.receiveRequest(options, UDP_PEER);
        return h.core.lastTransaction();
    }

    @Test
    void requestRetransmissionInTryingIsDiscarded() {
        ServerTransaction tx = receive();

        h.layer.receiveRequest(options, UDP_PEER);

        assertThat(tx).isInstanceOf(NonInviteServerTransaction.class);
        assertThat(h.transport.count()).isZero();
        assertThat(h.core.events).containsExactly("request OPTIONS");
        assertThat(tx.retransmissionsReceived()).isEqualTo(1);
    }

    @Test
    void requestRetransmissionInProceedingResendsLastProvisional() {
        ServerTransaction tx = receive();
        tx.sendResponse(Sip.response(options, 100));

        h.layer.receiveRequest(options, UDP_PEER);

        assertThat(tx.state()).isEqualTo("PROCEEDING");
        assertThat(h.transport.responses(100)).hasSize(2);
    }

    @Test
    void nonInviteServerAbsorbsRequestRetransmissionsByResendingLastResponse() {
        ServerTransaction tx = receive();
        tx.sendResponse(Sip.response(options, 200));

        h.layer.receiveRequest(options, UDP_PEER);
        h.layer.receiveRequest(options, UDP_PEER);

        assertThat(h.transport.responses(200)).hasSize(3);
        assertThat(h.core.events).containsExactly("request OPTIONS");
        assertThat(h.layer.retransmissionsReceived()).isEqualTo(2);
        assertThat(h.layer.retransmissionsSent()).isEqualTo(2);
    }

    @Test
    void timerJKeepsCompletedFor64T1OverUnreliableTransport() {
        ServerTransaction tx = receive();
        tx.sendResponse(Sip.response(options, 200));

        h.scheduler.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo("COMPLETED");
        h.scheduler.advanceMillis(1);

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.serverTransactionCount()).isZero();
        // After Timer J a retransmission is a new request again.
        h.layer.receiveRequest(options, UDP_PEER);
        assertThat(h.core.events).containsExactly("request OPTIONS", "terminated OPTIONS", "request OPTIONS");
    }

    @Test
    void timerJIsZeroOverReliableTransport() {
        SipRequest overTcp = Sip.arrived(Sip.options("TCP"), TCP_PEER);
        h.layer.receiveRequest(overTcp, TCP_PEER);
        ServerTransaction tx = h.core.lastTransaction();

        tx.sendResponse(Sip.response(overTcp, 200));

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.transport.last().destination().flowId()).isEqualTo("flow-7");
    }

    @Test
    void responseAfterFinalIsRefused() {
        ServerTransaction tx = receive();
        tx.sendResponse(Sip.response(options, 200));

        assertThat(tx.sendResponse(Sip.response(options, 500))).isFalse();
        assertThat(h.transport.count()).isEqualTo(1);
    }

    @Test
    void transportErrorInformsTu() {
        ServerTransaction tx = receive();
        h.transport.failWhen(m -> true);

        tx.sendResponse(Sip.response(options, 200));

        assertThat(h.core.events).containsExactly("request OPTIONS", "transport error", "terminated OPTIONS");
    }
}
