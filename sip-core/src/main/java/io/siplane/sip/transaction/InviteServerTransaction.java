package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.TransactionTimer.G;
import static io.siplane.sip.transaction.TransactionTimer.H;
import static io.siplane.sip.transaction.TransactionTimer.I;
import static io.siplane.sip.transaction.TransactionTimer.L;
import static io.siplane.sip.transaction.TransactionTimer.TRYING;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import java.time.Duration;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1, Figure 7, as amended by RFC 6026 §7.1 and §8 (the
 * Accepted state).
 *
 * <pre>{@code
 *                                |INVITE
 *                                |pass INV to TU
 *             INVITE             V send 100 if TU won't in 200 ms
 *             send response+-----------+
 *                 +--------|           |--------+ 101-199 from TU
 *                 |        |           |        | send response
 *                 +------->|           |<-------+
 *                          | Proceeding|
 *                          |           |--------+ Transport Err.
 *                          |           |        | Inform TU
 *                          |           |<-------+
 *                          +-----------+
 *             300-699 from TU |     |2xx from TU
 *             send response   |     |send response
 *              +--------------+     +------------+
 *              |                                 |
 *  INVITE      V          Timer G fires          |
 *  send response+-----------+ send response      |
 *      +--------|           |--------+           |
 *      |        |           |        |           |
 *      +------->| Completed |<-------+      INVITE             Transport Err.
 *               |           |               -                  Inform TU
 *               |           |<------+    +--------+           +--------+
 *               +-----------+       |    |        |           |        |
 *                 |     |           |    V        |           V        |
 *         ACK     |     |  Timer H fires or       +-----------------+  |
 *         -       |     |  Transport Err.         |    Accepted     |--+
 *                 |     |  Inform TU              +-----------------+
 *                 V     |                           |  |   ^     |
 *  +-----------+        |                      ACK  |  |   |     |
 *  | Confirmed |        |                 to TU +---+  |   +-----+ 2xx from TU
 *  +-----------+        |                              |   send response
 *        |              |                  Timer L fires
 *        |Timer I fires |                              |
 *        |-             |                              |
 *        V              V                              V
 *  +-----------------------------------------------------+
 *  |                     Terminated                      |
 *  +-----------------------------------------------------+
 * }</pre>
 *
 * <p>100 Trying: RFC 3261 §17.2.1 makes the transaction send 100 Trying unless the TU answers within 200 ms. This
 * transaction waits {@link TimerConfig#tryingDelay()} (200 ms) and sends 100 Trying only if the TU has sent nothing by
 * then, which saves a message when the TU answers at once; a retransmitted INVITE before that gets 100 Trying at
 * once. A zero delay sends 100 Trying as soon as the INVITE arrives.
 *
 * <p>Timer G (unreliable only) starts at T1 and doubles up to T2; Timer H (64*T1) gives up waiting for the ACK and
 * tells the TU; Timer I (T4 unreliable, zero reliable) absorbs ACK retransmissions. After a 2xx the transaction
 * waits in Accepted for Timer L (64*T1): it absorbs INVITE retransmissions, does not retransmit the 2xx (the TU does,
 * through {@link #sendResponse}), and passes ACKs that match it to the TU.
 */
public final class InviteServerTransaction extends ServerTransaction {
    private enum State {
        PROCEEDING,
        COMPLETED,
        CONFIRMED,
        ACCEPTED,
        TERMINATED
    }

    private State state = State.PROCEEDING;
    private SipResponse lastProvisional;
    private SipResponse finalResponse;
    private Duration intervalG;

    InviteServerTransaction(
            Object key,
            SipRequest invite,
            Destination source,
            Destination responseDestination,
            ServerTransactionUser user,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            Hooks hooks) {
        super(key, invite, source, responseDestination, user, transport, timers, config, hooks);
    }

    /** "INVITE / pass INV to TU, send 100 if TU won't in 200 ms": the layer passes the INVITE on after this. */
    void start() {
        event(() -> {
            Duration d = config.tryingDelay();
            if (d.isZero()) sendTrying();
            else startTimer(TRYING, d, this::tryingTimerFires);
        });
    }

    @Override
    public synchronized String state() {
        return state.name();
    }

    private void tryingTimerFires() {
        if (state == State.PROCEEDING && lastProvisional == null) sendTrying();
    }

    private void sendTrying() {
        lastProvisional = SipResponse.forRequest(request, StatusCodes.TRYING).build();
        sendAndRemember(lastProvisional);
    }

    /** "INVITE / send response" in Proceeding and Completed; "INVITE / -" in Accepted (RFC 6026). */
    @Override
    void onRequestRetransmission(SipRequest retransmission) {
        switch (state) {
            case PROCEEDING -> {
                absorbed();
                if (lastProvisional == null) {
                    // The client is already retransmitting: no point waiting for the TU any longer.
                    cancelTimer(TRYING);
                    sendTrying();
                } else {
                    resend(lastProvisional, responseDestination);
                }
            }
            case COMPLETED -> {
                absorbed();
                resend(finalResponse, responseDestination);
            }
            case CONFIRMED, ACCEPTED -> absorbed();
            default -> {}
        }
    }

    /**
     * An ACK matched this transaction. "ACK / -" from Completed to Confirmed; absorbed in Confirmed; "ACK / to TU" in
     * Accepted (RFC 6026 §7.1).
     *
     * @return false when the transaction has no use for the ACK (it is a stray ACK for the TU)
     */
    boolean receiveAck(SipRequest ack, Destination from) {
        return event(() -> onAck(ack, from));
    }

    private boolean onAck(SipRequest ack, Destination from) {
        switch (state) {
            case COMPLETED -> {
                cancelTimer(G);
                cancelTimer(H);
                state = State.CONFIRMED;
                startOrSkip(I, config.timerI(reliable), this::timerIFires, this::terminate);
                return true;
            }
            case CONFIRMED -> {
                absorbed();
                return true;
            }
            case ACCEPTED -> {
                notifyUser(() -> user.onAck(ack, from, this));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** "101-199 from TU", "2xx from TU" and "300-699 from TU", each with "send response". */
    @Override
    boolean onResponseFromTu(SipResponse response) {
        switch (state) {
            case PROCEEDING -> {
                cancelTimer(TRYING);
                if (response.isProvisional()) {
                    lastProvisional = response;
                    sendAndRemember(response);
                } else if (response.isSuccess()) {
                    finalResponse = response;
                    state = State.ACCEPTED;
                    startTimer(L, config.timerL(), this::timerLFires);
                    sendAndRemember(response);
                } else {
                    finalResponse = response;
                    state = State.COMPLETED;
                    startTimer(H, config.timerH(), this::timerHFires);
                    if (!reliable) {
                        intervalG = config.timerG();
                        startTimer(G, intervalG, this::timerGFires);
                    }
                    sendAndRemember(response);
                }
                return true;
            }
            case ACCEPTED -> {
                // RFC 6026 §7.1: the TU retransmits its 2xx through the transaction while it is Accepted.
                if (!response.isSuccess()) return false;
                finalResponse = response;
                resend(response, responseDestination);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** "Timer G fires / send response": the interval doubles up to T2. */
    private void timerGFires() {
        if (state != State.COMPLETED) return;
        intervalG = doubled(intervalG, config.t2());
        startTimer(G, intervalG, this::timerGFires);
        resend(finalResponse, responseDestination);
    }

    /** "Timer H fires / Inform TU". */
    private void timerHFires() {
        if (state != State.COMPLETED) return;
        tellTimeout();
        terminate();
    }

    /** "Timer I fires / -". */
    private void timerIFires() {
        if (state == State.CONFIRMED) terminate();
    }

    /** "Timer L fires / -" (RFC 6026). */
    private void timerLFires() {
        if (state == State.ACCEPTED) terminate();
    }

    /**
     * "Transport Err. / Inform TU": Proceeding and Completed end; in Accepted the TU is told and the transaction
     * stays (RFC 6026 Figure 7), since the TU owns the 2xx.
     */
    @Override
    void transportFailed(Exception cause) {
        switch (state) {
            case PROCEEDING, COMPLETED -> {
                tellTransportError(cause);
                terminate();
            }
            case ACCEPTED -> tellTransportError(cause);
            default -> {}
        }
    }

    private void terminate() {
        state = State.TERMINATED;
        terminated();
    }
}
