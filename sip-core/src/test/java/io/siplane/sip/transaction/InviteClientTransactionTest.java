package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.Sip.TCP_PEER;
import static io.siplane.sip.transaction.Sip.UDP_PEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1 (Figure 5) with the RFC 6026 Accepted state. */
class InviteClientTransactionTest {
    private final Harness h = new Harness();
    private final RecordingClientUser tu = new RecordingClientUser();

    private InviteClientTransaction send(SipRequest invite, Destination to) {
        return (InviteClientTransaction) h.layer.sendRequest(invite, to, tu);
    }

    @Test
    void inviteClientRetransmitsWithTimerADoublingUntilT2IsNotCapped() {
        send(Sip.invite(), UDP_PEER);

        h.scheduler.advanceMillis(31_999);

        // §17.1.1.2: A doubles each time (500, 1000, 2000, 4000, 8000, 16000 ms): past T2 = 4 s, no cap for INVITE.
        assertThat(h.transport.requestTimesMillis(SipMethod.INVITE))
                .containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
        assertThat(h.layer.retransmissionsSent()).isEqualTo(6);
    }

    @Test
    void timerBTimeoutReportedToTu() {
        InviteClientTransaction tx = send(Sip.invite(), UDP_PEER);

        h.scheduler.advanceMillis(31_999);
        assertThat(tu.events).isEmpty();
        h.scheduler.advanceMillis(1); // B = 64*T1 = 32 s

        assertThat(tu.events).containsExactly("timeout", "terminated");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isEmpty();
    }

    @Test
    void provisionalResponseStopsRetransmissionsAndTimerB() {
        SipRequest invite = Sip.invite();
        InviteClientTransaction tx = send(invite, UDP_PEER);

        h.layer.receiveResponse(Sip.response(invite, 100), UDP_PEER);
        h.scheduler.advanceMillis(60_000);

        assertThat(tx.state()).isEqualTo("PROCEEDING");
        assertThat(h.transport.requestTimesMillis(SipMethod.INVITE)).containsExactly(0L);
        assertThat(tu.events).containsExactly("provisional 100");
    }

    @Test
    void reliableTransportSendsOnceAndStillTimesOutWithTimerB() {
        send(Sip.invite("TCP"), TCP_PEER);

        h.scheduler.advanceMillis(32_000);

        assertThat(h.transport.requestTimesMillis(SipMethod.INVITE)).containsExactly(0L);
        assertThat(tu.events).containsExactly("timeout", "terminated");
    }

    @Test
    void ackForNon2xxIsBuiltFromTheInviteAndTheResponse() {
        SipRequest invite = Sip.request(SipMethod.INVITE, "UDP", Sip.BRANCH)
                .add(HeaderName.ROUTE, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
                .add(HeaderName.VIA, "SIP/2.0/UDP second.example.com;branch=z9hG4bKsecond")
                .body("v=0\r\n".getBytes())
                .build();
        send(invite, UDP_PEER);

        h.layer.receiveResponse(Sip.response(invite, 486), UDP_PEER);

        SipRequest ack = h.transport.requests(SipMethod.ACK).get(0);
        // §17.1.1.3: same Request-URI, Call-ID, From, CSeq number; one Via, the INVITE's top one; To from the
        // response; the INVITE's Route set.
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.header(HeaderName.FROM)).isEqualTo(invite.header(HeaderName.FROM));
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(ack.cseq().method()).isEqualTo(SipMethod.ACK);
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.to().tag()).isEqualTo(Sip.UAS_TAG);
        assertThat(ack.routes()).isEqualTo(invite.routes());
        assertThat(ack.bodyLength()).isZero();
        assertThat(h.transport.last().destination()).isEqualTo(UDP_PEER);
        assertThat(tu.events).containsExactly("final 486");
    }

    @Test
    void ackIsResentForEachRetransmittedFinalResponseWhileTimerDRuns() {
        SipRequest invite = Sip.invite();
        InviteClientTransaction tx = send(invite, UDP_PEER);
        SipResponse busy = Sip.response(invite, 486);

        h.layer.receiveResponse(busy, UDP_PEER);
        h.scheduler.advanceMillis(1_000);
        h.layer.receiveResponse(busy, UDP_PEER);
        h.layer.receiveResponse(busy, UDP_PEER);

        assertThat(h.transport.requests(SipMethod.ACK)).hasSize(3).allMatch(a -> a.equals(tx.ack()));
        assertThat(tu.events).containsExactly("final 486"); // retransmissions are absorbed
        assertThat(tx.state()).isEqualTo("COMPLETED");
        assertThat(tx.retransmissionsReceived()).isEqualTo(2);

        h.scheduler.advanceMillis(30_999); // D = 32 s over UDP
        assertThat(tx.state()).isEqualTo("COMPLETED");
        h.scheduler.advanceMillis(1);
        assertThat(tx.isTerminated()).isTrue();

        h.layer.receiveResponse(busy, UDP_PEER);
        assertThat(h.strayResponses).containsExactly(busy);
    }

    @Test
    void timerDIsZeroOverReliableTransport() {
        SipRequest invite = Sip.invite("TCP");
        InviteClientTransaction tx = send(invite, TCP_PEER);

        h.layer.receiveResponse(Sip.response(invite, 603), TCP_PEER);

        assertThat(h.transport.requests(SipMethod.ACK)).hasSize(1);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(tu.events).containsExactly("final 603", "terminated");
        assertThat(h.layer.clientTransactionCount()).isZero();
    }

    @Test
    void acceptedStateForwardsRetransmitted2xxToTu() {
        SipRequest invite = Sip.invite();
        InviteClientTransaction tx = send(invite, UDP_PEER);
        SipResponse ok = Sip.response(invite, 200);

        h.layer.receiveResponse(Sip.response(invite, 180), UDP_PEER);
        h.layer.receiveResponse(ok, UDP_PEER);
        h.layer.receiveResponse(ok, UDP_PEER);

        // RFC 6026: 2xx and its retransmissions go to the TU, which sends the ACK; the transaction sends none.
        assertThat(tu.events).containsExactly("provisional 180", "final 200", "final 200");
        assertThat(h.transport.requests(SipMethod.ACK)).isEmpty();
        assertThat(tx.state()).isEqualTo("ACCEPTED");

        h.scheduler.advanceMillis(31_999);
        h.layer.receiveResponse(ok, UDP_PEER);
        assertThat(tu.events).hasSize(4);
        h.scheduler.advanceMillis(1); // Timer M = 64*T1
        assertThat(tx.isTerminated()).isTrue();

        h.layer.receiveResponse(ok, UDP_PEER);
        assertThat(h.strayResponses).containsExactly(ok);
    }

    @Test
    void final2xxFromAnotherForkAlsoReachesTuInAccepted() {
        SipRequest invite = Sip.invite();
        send(invite, UDP_PEER);

        h.layer.receiveResponse(Sip.response(invite, 200), UDP_PEER);
        h.layer.receiveResponse(
                SipResponse.forRequest(invite, 200).toTag("other-fork").build(), UDP_PEER);

        assertThat(tu.responses).extracting(r -> r.to().tag()).containsExactly(Sip.UAS_TAG, "other-fork");
    }

    @Test
    void transportErrorInCallingInformsTu() {
        h.transport.failWhen(m -> true);

        InviteClientTransaction tx = send(Sip.invite("TCP"), TCP_PEER);

        assertThat(tu.events).containsExactly("transport error", "terminated");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.scheduler.pending()).isEmpty();
    }

    @Test
    void asynchronousTransportErrorInformsTu() {
        InviteClientTransaction tx = send(Sip.invite("TCP"), TCP_PEER);

        tx.transportError(new TransportException("reset"));

        assertThat(tu.events).containsExactly("transport error", "terminated");
    }

    @Test
    void createCancelCopiesTheInviteIdentity() {
        SipRequest invite = Sip.request(SipMethod.INVITE, "UDP", Sip.BRANCH)
                .add(HeaderName.ROUTE, "<sip:p1.example.com;lr>")
                .build();
        InviteClientTransaction tx = send(invite, UDP_PEER);

        SipRequest cancel = tx.createCancel();

        // RFC 3261 §9.1
        assertThat(cancel.method()).isEqualTo(SipMethod.CANCEL);
        assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
        assertThat(cancel.vias()).containsExactly(invite.topVia());
        assertThat(cancel.header(HeaderName.TO)).isEqualTo(invite.header(HeaderName.TO));
        assertThat(cancel.header(HeaderName.FROM)).isEqualTo(invite.header(HeaderName.FROM));
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(cancel.cseq().toString()).isEqualTo("314159 CANCEL");
        assertThat(cancel.routes()).isEqualTo(invite.routes());
    }
}
