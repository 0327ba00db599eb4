package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.TransactionTimer.E;
import static io.siplane.sip.transaction.TransactionTimer.F;
import static io.siplane.sip.transaction.TransactionTimer.K;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.time.Duration;

/**
 * The non-INVITE client transaction: RFC 3261 §17.1.2, Figure 6.
 *
 * <pre>{@code
 *                                |Request from TU
 *                                |send request
 *            Timer E             V
 *            send request  +-----------+
 *                +---------|           |-------------------+
 *                |         |  Trying   |  Timer F          |
 *                +-------->|           |  or Transport Err.|
 *                          +-----------+  inform TU        |
 *             200-699         |  |                         |
 *             resp. to TU     |  |1xx                      |
 *             +---------------+  |resp. to TU              |
 *             |                  |                         |
 *             |   Timer E        V       Timer F           |
 *             |   send req +-----------+ or Transport Err. |
 *             |  +---------|           | inform TU         |
 *             |  |         |Proceeding |------------------>|
 *             |  +-------->|           |-----+             |
 *             |            +-----------+     |1xx          |
 *             |              |      ^        |resp to TU   |
 *             | 200-699      |      +--------+             |
 *             | resp. to TU  |                             |
 *             |              V                             |
 *             |            +-----------+                   |
 *             |            |           |                   |
 *             |            | Completed |                   |
 *             |            |           |                   |
 *             |            +-----------+                   |
 *             |              ^   |                         |
 *             |              |   | Timer K                 |
 *             +--------------+   | -                       |
 *                                |                         |
 *                                V                         |
 *          NOTE:           +-----------+                   |
 *                          |           |                   |
 *      transitions         | Terminated|<------------------+
 *      labeled with        |           |
 *      the event           +-----------+
 *      over the action
 *      to take
 * }</pre>
 *
 * <p>Timer E (unreliable transports only) starts at T1 and doubles up to T2 in Trying; in Proceeding it is reset to
 * T2 each time. Timer F (64*T1) times the transaction out in Trying and Proceeding. Timer K (T4 unreliable, zero
 * reliable) absorbs response retransmissions in Completed.
 */
public final class NonInviteClientTransaction extends ClientTransaction {
    private enum State {
        TRYING,
        PROCEEDING,
        COMPLETED,
        TERMINATED
    }

    private State state = State.TRYING;
    private Duration intervalE;

    NonInviteClientTransaction(
            Object key,
            SipRequest request,
            Destination destination,
            ClientTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, request, destination, user, transport, timers, config, hooks);
    }

    @Override
    void start() {
        event(() -> {
            startTimer(F, config.timerF(), this::timerFFires);
            if (!reliable) {
                intervalE = config.timerE();
                startTimer(E, intervalE, this::timerEFires);
            }
            send(request, destination);
        });
    }

    @Override
    public synchronized String state() {
        return state.name();
    }

    @Override
    void onResponse(SipResponse response) {
        if (response.isProvisional()) provisional(response);
        else finalResponse(response);
    }

    /**
     * "Timer E / send request": in Trying the interval doubles up to T2; in Proceeding it is T2 (§17.1.2.2).
     */
    private void timerEFires() {
        if (state == State.TRYING) {
            intervalE = doubled(intervalE, config.t2());
        } else if (state == State.PROCEEDING) {
            intervalE = config.t2();
        } else {
            return;
        }
        startTimer(E, intervalE, this::timerEFires);
        resend(request, destination);
    }

    /** "Timer F / inform TU". */
    private void timerFFires() {
        if (state != State.TRYING && state != State.PROCEEDING) return;
        tellTimeout();
        terminate();
    }

    /** "1xx / resp. to TU". */
    private void provisional(SipResponse response) {
        if (state != State.TRYING && state != State.PROCEEDING) return;
        state = State.PROCEEDING;
        tellProvisional(response);
    }

    /** "200-699 / resp. to TU"; in Completed, retransmissions are absorbed. */
    private void finalResponse(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                cancelTimer(E);
                cancelTimer(F);
                state = State.COMPLETED;
                tellFinal(response);
                startOrSkip(K, config.timerK(reliable), this::timerKFires, this::terminate);
            }
            case COMPLETED -> absorbed();
            default -> {}
        }
    }

    /** "Timer K / -". */
    private void timerKFires() {
        if (state == State.COMPLETED) terminate();
    }

    /** "Transport Err. / inform TU" from Trying and Proceeding. */
    @Override
    void transportFailed(Exception cause) {
        if (state != State.TRYING && state != State.PROCEEDING) return;
        tellTransportError(cause);
        terminate();
    }

    private void terminate() {
        state = State.TERMINATED;
        terminated();
    }
}
