package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.TransactionTimer.J;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;

/**
 * The non-INVITE server transaction: RFC 3261 §17.2.2, Figure 8.
 *
 * <pre>{@code
 *                           |Request received
 *                           |pass to TU
 *                           V
 *                     +-----------+
 *                     |           |
 *                     | Trying    |-------------+
 *                     |           |             |
 *                     +-----------+             |200-699 from TU
 *                           |                   |send response
 *                           |1xx from TU        |
 *                           |send response      |
 *                           |                   |
 *        Request            V      1xx from TU  |
 *        send response+-----------+send response|
 *            +--------|           |--------+    |
 *            |        | Proceeding|        |    |
 *            +------->|           |<-------+    |
 *     +<--------------|           |             |
 *     |Trnsprt Err    +-----------+             |
 *     |Inform TU            |                   |
 *     |                     |                   |
 *     |                     |200-699 from TU    |
 *     |                     |send response      |
 *     |  Request            V                   |
 *     |  send response+-----------+             |
 *     |      +--------|           |             |
 *     |      |        | Completed |<------------+
 *     |      +------->|           |
 *     +<--------------|           |
 *     |Trnsprt Err    +-----------+
 *     |Inform TU            |
 *     |                     |Timer J fires
 *     |                     |-
 *     |                     |
 *     |                     V
 *     |               +-----------+
 *     |               |           |
 *     +-------------->| Terminated|
 *                     |           |
 *                     +-----------+
 * }</pre>
 *
 * <p>Request retransmissions are discarded in Trying, answered with the last provisional response in Proceeding and
 * with the final response in Completed. Timer J (64*T1 unreliable, zero reliable) keeps the transaction in Completed
 * to absorb them.
 */
public final class NonInviteServerTransaction extends ServerTransaction {
    private enum State {
        TRYING,
        PROCEEDING,
        COMPLETED,
        TERMINATED
    }

    private State state = State.TRYING;
    private SipResponse lastProvisional;
    private SipResponse finalResponse;

    NonInviteServerTransaction(
            Object key,
            SipRequest request,
            Destination source,
            Destination responseDestination,
            ServerTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, request, source, responseDestination, user, transport, timers, config, hooks);
    }

    @Override
    public synchronized String state() {
        return state.name();
    }

    /** "Request / send response" in Proceeding and Completed; discarded in Trying (§17.2.2). */
    @Override
    void onRequestRetransmission(SipRequest retransmission) {
        switch (state) {
            case TRYING -> absorbed();
            case PROCEEDING -> {
                absorbed();
                resend(lastProvisional, responseDestination);
            }
            case COMPLETED -> {
                absorbed();
                resend(finalResponse, responseDestination);
            }
            default -> {}
        }
    }

    /** "1xx from TU / send response" and "200-699 from TU / send response". */
    @Override
    boolean onResponseFromTu(SipResponse response) {
        if (state != State.TRYING && state != State.PROCEEDING) return false;
        if (response.isProvisional()) {
            state = State.PROCEEDING;
            lastProvisional = response;
            sendAndRemember(response);
            return true;
        }
        state = State.COMPLETED;
        finalResponse = response;
        if (!sendAndRemember(response)) return true;
        startOrSkip(J, config.timerJ(reliable), this::timerJFires, this::terminate);
        return true;
    }

    /** "Timer J fires / -". */
    private void timerJFires() {
        if (state == State.COMPLETED) terminate();
    }

    /** "Trnsprt Err / Inform TU" from Proceeding and Completed. */
    @Override
    void transportFailed(Exception cause) {
        if (state != State.PROCEEDING && state != State.COMPLETED) return;
        tellTransportError(cause);
        terminate();
    }

    private void terminate() {
        state = State.TERMINATED;
        terminated();
    }
}
