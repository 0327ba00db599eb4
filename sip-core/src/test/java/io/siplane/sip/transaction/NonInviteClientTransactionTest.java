package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.Sip.TCP_PEER;
import static io.siplane.sip.transaction.Sip.UDP_PEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2 (Figure 6). */
class NonInviteClientTransactionTest {
    private final Harness h = new Harness();
    private final RecordingClientUser tu = new RecordingClientUser();

    private ClientTransaction send(SipRequest request, Destination to) {
        return h.layer.sendRequest(request, to, tu);
    }

    @Test
    void nonInviteClientRetransmitsWithTimerEDoublingUpToT2() {
        send(Sip.options("UDP"), UDP_PEER);

        h.scheduler.advanceMillis(31_999);

        // §17.1.2.2: E doubles (500, 1000, 2000) until T2 = 4 s, then stays at T2.
        assertThat(h.transport.requestTimesMillis(SipMethod.OPTIONS))
                .containsExactly(
                        0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L);
    }

    @Test
    void timerEIsT2OnceProceeding() {
        SipRequest options = Sip.options("UDP");
        send(options, UDP_PEER);

        h.scheduler.advanceMillis(600); // retransmitted at 500, next due at 1500
        h.layer.receiveResponse(Sip.response(options, 100), UDP_PEER);
        h.scheduler.advanceMillis(9_000);

        assertThat(h.transport.requestTimesMillis(SipMethod.OPTIONS)).containsExactly(0L, 500L, 1_500L, 5_500L, 9_500L);
    }

    @Test
    void timerFInTryingTerminatesAndInformsTu() {
        ClientTransaction tx = send(Sip.options("UDP"), UDP_PEER);

        h.scheduler.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo("TRYING");
        h.scheduler.advanceMillis(1); // F = 64*T1

        assertThat(tu.events).containsExactly("timeout", "terminated");
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.clientTransactionCount()).isZero();
    }

    @Test
    void timerFInProceedingTerminatesAndInformsTu() {
        SipRequest options = Sip.options("UDP");
        ClientTransaction tx = send(options, UDP_PEER);
        h.layer.receiveResponse(Sip.response(options, 100), UDP_PEER);

        h.scheduler.fire(TransactionTimer.F);

        assertThat(h.scheduler.now()).isEqualTo(TimerConfig.DEFAULT.timerF());
        assertThat(tu.events).containsExactly("provisional 100", "timeout", "terminated");
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void timerKAbsorbsResponseRetransmissionsForT4OverUnreliableTransport() {
        SipRequest options = Sip.options("UDP");
        ClientTransaction tx = send(options, UDP_PEER);
        SipResponse ok = Sip.response(options, 200);

        h.layer.receiveResponse(ok, UDP_PEER);
        h.layer.receiveResponse(ok, UDP_PEER);
        h.scheduler.advanceMillis(4_999);

        assertThat(tu.events).containsExactly("final 200");
        assertThat(tx.state()).isEqualTo("COMPLETED");
        assertThat(tx.retransmissionsReceived()).isEqualTo(1);
        assertThat(h.transport.requestTimesMillis(SipMethod.OPTIONS)).containsExactly(0L);

        h.scheduler.advanceMillis(1); // K = T4
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void timerKIsZeroOverReliableTransport() {
        SipRequest options = Sip.options("TCP");
        ClientTransaction tx = send(options, TCP_PEER);

        h.layer.receiveResponse(Sip.response(options, 404), TCP_PEER);

        assertThat(tx.isTerminated()).isTrue();
        assertThat(tu.events).containsExactly("final 404", "terminated");
    }

    @Test
    void reliableTransportDoesNotRetransmit() {
        send(Sip.options("TCP"), TCP_PEER);

        h.scheduler.advanceMillis(32_000);

        assertThat(h.transport.requestTimesMillis(SipMethod.OPTIONS)).containsExactly(0L);
        assertThat(tu.events).containsExactly("timeout", "terminated");
    }

    @Test
    void transportErrorInTryingInformsTu() {
        SipRequest options = Sip.options("UDP");
        ClientTransaction tx = send(options, UDP_PEER);
        h.transport.failWhen(m -> true);

        h.scheduler.advanceMillis(500); // the retransmission fails

        assertThat(tu.events).containsExactly("transport error", "terminated");
        assertThat(tx.isTerminated()).isTrue();
    }
}
