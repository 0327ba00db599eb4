package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.TransactionTimer.A;
import static io.siplane.sip.transaction.TransactionTimer.B;
import static io.siplane.sip.transaction.TransactionTimer.D;
import static io.siplane.sip.transaction.TransactionTimer.M;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.time.Duration;

/**
 * The INVITE client transaction: RFC 3261 §17.1.1, Figure 5, as amended by RFC 6026 §7.2 and §8 (the Accepted
 * state).
 *
 * <pre>{@code
 *                   |INVITE from TU
 *  Timer A fires    |INVITE sent        Timer B fires
 *  Reset A,         V                   or Transport Err.
 *  INVITE sent +-----------+            inform TU
 *    +---------|           |--------------------------+
 *    |         |  Calling  |                          |
 *    +-------->|           |-----------+              |
 *  300-699     +-----------+ 2xx       |              |
 *  ACK sent       |  |       2xx to TU |              |
 *  resp. to TU    |  |1xx              |              |
 *  +--------------+  |1xx to TU        |              |
 *  |                 V                 |              |
 *  |           +-----------+           |              |
 *  |           |Proceeding |---------->|              |
 *  |           +-----------+ 2xx       |              |
 *  |  300-699     |  1xx     2xx to TU |              |
 *  |  ACK sent    |  1xx to TU         V              |
 *  |  resp. to TU |            +-----------+          |
 *  |              |            | Accepted  |<-+ 2xx   |
 *  |              |            |           |--+ 2xx   |
 *  |              V            +-----------+    to TU |
 *  |   300-699 +-----------+     |Timer M fires       |
 *  |   ACK sent|           |     |                    |
 *  |   +-------| Completed |     |                    |
 *  |   +------>|           |     |                    |
 *  +---------->+-----------+     |                    |
 *                 |Timer D fires |                    |
 *                 |Transport Err.|                    |
 *                 |inform TU     V                    |
 *                 +-------->+-----------+<------------+
 *                           | Terminated|
 *                           +-----------+
 * }</pre>
 *
 * <p>Timer A (unreliable transports only) starts at T1 and doubles without a cap; Timer B is 64*T1. The transaction
 * acknowledges 3xx–6xx itself ({@link TransactionRequests#ackForNon2xx}) and resends that ACK for every retransmitted
 * final response while Timer D runs (32 s unreliable, zero reliable). A 2xx, and every retransmission of it while
 * Timer M runs, goes to the TU, which sends the ACK for 2xx.
 */
public final class InviteClientTransaction extends ClientTransaction {
    private enum State {
        CALLING,
        PROCEEDING,
        COMPLETED,
        ACCEPTED,
        TERMINATED
    }

    private State state = State.CALLING;
    private Duration intervalA;
    private SipRequest ack;

    InviteClientTransaction(
            Object key,
            SipRequest invite,
            Destination destination,
            ClientTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, invite, destination, user, transport, timers, config, hooks);
    }

    @Override
    void start() {
        event(() -> {
            startTimer(B, config.timerB(), this::timerBFires);
            if (!reliable) {
                intervalA = config.timerA();
                startTimer(A, intervalA, this::timerAFires);
            }
            send(request, destination);
        });
    }

    @Override
    public synchronized String state() {
        return state.name();
    }

    /** The ACK the transaction sent for a 3xx–6xx, or null. */
    public synchronized SipRequest ack() {
        return ack;
    }

    /** A CANCEL for this INVITE (RFC 3261 §9.1); send it as a new client transaction. */
    public SipRequest createCancel() {
        return TransactionRequests.cancel(request);
    }

    @Override
    void onResponse(SipResponse response) {
        if (response.isProvisional()) provisional(response);
        else if (response.isSuccess()) success(response);
        else failure(response);
    }

    /** "Timer A fires / Reset A, INVITE sent": the interval doubles with no cap (§17.1.1.2). */
    private void timerAFires() {
        if (state != State.CALLING) return;
        intervalA = intervalA.multipliedBy(2);
        startTimer(A, intervalA, this::timerAFires);
        resend(request, destination);
    }

    /** "Timer B fires / inform TU". */
    private void timerBFires() {
        if (state != State.CALLING) return;
        tellTimeout();
        terminate();
    }

    /** "1xx / 1xx to TU". */
    private void provisional(SipResponse response) {
        if (state != State.CALLING && state != State.PROCEEDING) return;
        // Timer B guards the Calling state only; in Proceeding the TU decides how long to wait (Timer C, §16.6).
        cancelTimer(A);
        cancelTimer(B);
        state = State.PROCEEDING;
        tellProvisional(response);
    }

    /** "2xx / 2xx to TU" (RFC 6026: into Accepted, and 2xx retransmissions to the TU while there). */
    private void success(SipResponse response) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                cancelTimer(A);
                cancelTimer(B);
                state = State.ACCEPTED;
                startTimer(M, config.timerM(), this::timerMFires);
                tellFinal(response);
            }
            case ACCEPTED -> {
                absorbed();
                tellFinal(response);
            }
            default -> {
                // a 2xx after a 3xx–6xx: nothing the transaction can do with it
            }
        }
    }

    /** "300-699 / ACK sent, resp. to TU", and in Completed "300-699 / ACK sent". */
    private void failure(SipResponse response) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                cancelTimer(A);
                cancelTimer(B);
                state = State.COMPLETED;
                ack = TransactionRequests.ackForNon2xx(request, response);
                tellFinal(response);
                if (!send(ack, destination)) return;
                startOrSkip(D, config.timerD(reliable), this::timerDFires, this::terminate);
            }
            case COMPLETED -> {
                absorbed();
                resend(ack, destination);
            }
            default -> {
                // Accepted or Terminated: not for us
            }
        }
    }

    /** "Timer D fires". */
    private void timerDFires() {
        if (state == State.COMPLETED) terminate();
    }

    /** "Timer M fires" (RFC 6026). */
    private void timerMFires() {
        if (state == State.ACCEPTED) terminate();
    }

    /** "Transport Err. / inform TU" from Calling and Completed (nothing is sent in the other states). */
    @Override
    void transportFailed(Exception cause) {
        if (state == State.TERMINATED || state == State.ACCEPTED) return;
        tellTransportError(cause);
        terminate();
    }

    private void terminate() {
        state = State.TERMINATED;
        terminated();
    }
}
