package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.Sip.TCP_PEER;
import static io.siplane.sip.transaction.Sip.UDP_PEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 (Figure 7) with the RFC 6026 Accepted state. */
class InviteServerTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest invite = Sip.arrived(Sip.invite(), UDP_PEER);

    private InviteServerTransaction receive() {
        h.layer.receiveRequest(invite, UDP_PEER);
        return (InviteServerTransaction) h.core.lastTransaction();
    }

    private SipRequest ackFor(SipResponse response) {
        return Sip.arrived(TransactionRequests.ackForNon2xx(Sip.invite(), response), UDP_PEER);
    }

    @Test
    void sends100TryingAfter200msWhenTuDoesNotAnswer() {
        receive();

        h.scheduler.advanceMillis(199);
        assertThat(h.transport.count()).isZero();
        h.scheduler.advanceMillis(1);

        assertThat(h.transport.responseTimesMillis(100)).containsExactly(200L);
        SipResponse trying = h.transport.responses(100).get(0);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.vias()).isEqualTo(invite.vias());
        assertThat(h.transport.last().destination().address()).isEqualTo(new InetSocketAddress("192.0.2.10", 5060));
    }

    @Test
    void sendsNo100TryingWhenTuAnswersWithin200ms() {
        InviteServerTransaction tx = receive();

        h.scheduler.advanceMillis(150);
        tx.sendResponse(Sip.response(invite, 180));
        h.scheduler.advanceMillis(1_000);

        assertThat(h.transport.responses(100)).isEmpty();
        assertThat(h.transport.responseTimesMillis(180)).containsExactly(150L);
    }

    @Test
    void zeroTryingDelaySends100TryingAtOnce() {
        Harness immediate =
                new Harness(TimerConfig.builder().tryingDelay(Duration.ZERO).build());

        immediate.layer.receiveRequest(invite, UDP_PEER);

        assertThat(immediate.transport.responseTimesMillis(100)).containsExactly(0L);
    }

    @Test
    void inviteRetransmissionInProceedingResendsLastProvisional() {
        InviteServerTransaction tx = receive();
        tx.sendResponse(Sip.response(invite, 180));

        h.layer.receiveRequest(invite, UDP_PEER);

        assertThat(h.transport.responses(180)).hasSize(2);
        assertThat(h.core.events).containsExactly("request INVITE");
        assertThat(tx.retransmissionsReceived()).isEqualTo(1);
        assertThat(tx.retransmissionsSent()).isEqualTo(1);
    }

    @Test
    void inviteRetransmissionBeforeAnyProvisionalGets100TryingAtOnce() {
        receive();

        h.scheduler.advanceMillis(100);
        h.layer.receiveRequest(invite, UDP_PEER);
        h.scheduler.advanceMillis(1_000);

        assertThat(h.transport.responseTimesMillis(100)).containsExactly(100L);
    }

    @Test
    void retransmitsFinalNon2xxWithTimerGDoublingToT2AndStopsOnAck() {
        InviteServerTransaction tx = receive();
        SipResponse busy = Sip.response(invite, 486);
        tx.sendResponse(busy);

        h.scheduler.advanceMillis(12_000);
        h.layer.receiveRequest(ackFor(busy), UDP_PEER);
        h.scheduler.advanceMillis(4_999);

        // §17.2.1: G doubles 500, 1000, 2000, then stays at T2 = 4 s; the ACK stops it.
        assertThat(h.transport.responseTimesMillis(486)).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L);
        assertThat(tx.state()).isEqualTo("CONFIRMED");
        assertThat(h.core.events).containsExactly("request INVITE"); // the ACK for 486 stays in the transaction

        h.scheduler.advanceMillis(1); // Timer I = T4
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.serverTransactionCount()).isZero();
    }

    @Test
    void ackRetransmissionsAreAbsorbedInConfirmed() {
        InviteServerTransaction tx = receive();
        SipResponse busy = Sip.response(invite, 486);
        tx.sendResponse(busy);

        h.layer.receiveRequest(ackFor(busy), UDP_PEER);
        h.layer.receiveRequest(ackFor(busy), UDP_PEER);
        h.layer.receiveRequest(invite, UDP_PEER);

        assertThat(tx.state()).isEqualTo("CONFIRMED");
        assertThat(tx.retransmissionsReceived()).isEqualTo(2);
        assertThat(h.transport.responses(486)).hasSize(1);
        assertThat(h.core.acks).isEmpty();
    }

    @Test
    void inviteRetransmissionInCompletedResendsFinalResponse() {
        InviteServerTransaction tx = receive();
        tx.sendResponse(Sip.response(invite, 404));

        h.layer.receiveRequest(invite, UDP_PEER);

        assertThat(h.transport.responses(404)).hasSize(2);
    }

    @Test
    void timerHWithoutAckTellsTuTimeout() {
        InviteServerTransaction tx = receive();
        tx.sendResponse(Sip.response(invite, 486));

        h.scheduler.advanceMillis(31_999);
        assertThat(h.core.events).containsExactly("request INVITE");
        h.scheduler.advanceMillis(1); // H = 64*T1

        assertThat(h.core.events).containsExactly("request INVITE", "timeout", "terminated INVITE");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.transport.responses(486)).hasSize(11);
    }

    @Test
    void acceptedStateAbsorbsInviteRetransmissionsAndPasses2xxAckToTu() {
        InviteServerTransaction tx = receive();
        SipResponse ok = Sip.response(invite, 200);
        tx.sendResponse(ok);

        h.layer.receiveRequest(invite, UDP_PEER);
        h.scheduler.advanceMillis(10_000);

        assertThat(tx.state()).isEqualTo("ACCEPTED");
        assertThat(h.transport.responses(200)).hasSize(1); // the TU, not the transaction, retransmits 2xx
        assertThat(h.core.events).containsExactly("request INVITE");
        assertThat(tx.retransmissionsReceived()).isEqualTo(1);

        // An ACK for 2xx on the INVITE's branch matches the transaction and goes to the TU (RFC 6026).
        h.layer.receiveRequest(Sip.arrived(Sip.ackFor2xx(Sip.invite(), ok, Sip.BRANCH), UDP_PEER), UDP_PEER);
        // The usual ACK for 2xx has a branch of its own: it matches nothing and goes to the TU too.
        h.layer.receiveRequest(Sip.ackFor2xx(Sip.invite(), ok, "z9hG4bKnewack"), UDP_PEER);

        assertThat(h.core.events).containsExactly("request INVITE", "ack", "stray ack");
        assertThat(h.core.ackTransactions).containsExactly(tx, null);

        h.scheduler.advanceMillis(22_000); // Timer L = 64*T1
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void tuRetransmits2xxThroughAcceptedState() {
        InviteServerTransaction tx = receive();
        SipResponse ok = Sip.response(invite, 200);
        tx.sendResponse(ok);

        assertThat(tx.sendResponse(ok)).isTrue();
        assertThat(tx.sendResponse(Sip.response(invite, 486))).isFalse();

        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(h.transport.responses(486)).isEmpty();
        assertThat(h.layer.retransmissionsSent()).isEqualTo(1);
    }

    @Test
    void secondFinalResponseIsRefused() {
        InviteServerTransaction tx = receive();
        tx.sendResponse(Sip.response(invite, 486));

        assertThat(tx.sendResponse(Sip.response(invite, 200))).isFalse();
        assertThat(tx.sendResponse(Sip.response(invite, 180))).isFalse();
        assertThat(h.transport.responses(200)).isEmpty();
    }

    @Test
    void reliableTransportDoesNotRetransmitAndTimerIIsZero() {
        SipRequest overTcp = Sip.arrived(Sip.invite("TCP"), TCP_PEER);
        h.layer.receiveRequest(overTcp, TCP_PEER);
        InviteServerTransaction tx = (InviteServerTransaction) h.core.lastTransaction();
        SipResponse busy = Sip.response(overTcp, 486);
        tx.sendResponse(busy);

        h.scheduler.advanceMillis(10_000);
        assertThat(h.transport.responses(486)).hasSize(1);
        assertThat(h.transport.last().destination().flowId()).isEqualTo("flow-7");

        h.layer.receiveRequest(TransactionRequests.ackForNon2xx(overTcp, busy), TCP_PEER);
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void transportErrorOnFinalResponseInformsTu() {
        InviteServerTransaction tx = receive();
        h.transport.failWhen(m -> true);

        tx.sendResponse(Sip.response(invite, 486));

        assertThat(h.core.events).containsExactly("request INVITE", "transport error", "terminated INVITE");
        assertThat(tx.isTerminated()).isTrue();
    }
}
