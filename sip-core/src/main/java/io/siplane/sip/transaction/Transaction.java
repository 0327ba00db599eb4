package io.siplane.sip.transaction;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * What the four RFC 3261 §17 state machines share: the request, the ports, the timers, the retransmission counters,
 * and the threading discipline.
 *
 * <p>Threading: every event (a message, a timer, a call from the TU) runs {@code synchronized} on the transaction, so
 * a transaction sees one event at a time whatever thread brings it. Calls to the transaction user are queued under
 * the monitor and delivered after it is released, in order, by one thread at a time; sends and timer scheduling
 * happen under the monitor, and must not block.
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {
    private static final System.Logger LOG = System.getLogger(Transaction.class.getName());

    final Object key;
    final SipRequest request;
    final TransactionTransport transport;
    final TransactionTimers timers;
    final TimerConfig config;
    final boolean reliable;
    final Hooks hooks;

    private final Map<TransactionTimer, TransactionTimers.Handle> armed = new EnumMap<>(TransactionTimer.class);
    private final ConcurrentLinkedQueue<Runnable> notifications = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private volatile int retransmissionsSent;
    private volatile int retransmissionsReceived;
    private boolean ended;

    Transaction(
            Object key,
            SipRequest request,
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            boolean reliable,
            Hooks hooks) {
        this.key = key;
        this.request = request;
        this.transport = transport;
        this.timers = timers;
        this.config = config;
        this.reliable = reliable;
        this.hooks = hooks;
    }

    /** What a transaction tells the layer that owns it. */
    interface Hooks {
        Hooks NONE = new Hooks() {};

        default void terminated(Transaction transaction) {}

        default void retransmissionSent() {}

        default void retransmissionReceived() {}
    }

    /** The request that created the transaction (for a client transaction: as sent, branch included). */
    public SipRequest request() {
        return request;
    }

    public SipMethod method() {
        return request.method();
    }

    /** The branch of the request's top Via; for an RFC 2543 request it may be null or lack the magic cookie. */
    public String branch() {
        return request.topVia().branch();
    }

    /** True when the transaction's messages travel over a reliable transport (no retransmissions). */
    public boolean isReliable() {
        return reliable;
    }

    /** The current state's name as in the RFC figures (e.g. {@code PROCEEDING}, {@code ACCEPTED}); for logs and tests. */
    public abstract String state();

    /** True once the state machine reached Terminated (every RFC figure ends there, and nothing leaves it). */
    public synchronized boolean isTerminated() {
        return ended;
    }

    /** Messages this transaction sent again: request retransmissions, resent responses, resent ACKs. */
    public int retransmissionsSent() {
        return retransmissionsSent;
    }

    /** Retransmissions this transaction absorbed: repeated requests, repeated responses, repeated ACKs. */
    public int retransmissionsReceived() {
        return retransmissionsReceived;
    }

    /**
     * Reports a transport failure known after {@link TransactionTransport#send} returned (RFC 3261 §17.1.4,
     * §17.2.4).
     */
    public final void transportError(Exception cause) {
        event(() -> transportFailed(cause));
    }

    /** Under the monitor: a send failed. */
    abstract void transportFailed(Exception cause);

    // ---- the discipline --------------------------------------------------------------------------------------

    /** Runs one event under the monitor, then delivers what it queued for the TU. */
    final void event(Runnable body) {
        synchronized (this) {
            body.run();
        }
        deliver();
    }

    final boolean event(BooleanSupplier body) {
        boolean result;
        synchronized (this) {
            result = body.getAsBoolean();
        }
        deliver();
        return result;
    }

    /** Under the monitor: queues a call to the TU, to run once the monitor is released. */
    final void notifyUser(Runnable call) {
        notifications.add(call);
    }

    private void deliver() {
        // One deliverer at a time keeps the TU's calls in the order the state machine queued them.
        while (!notifications.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                Runnable call;
                while ((call = notifications.poll()) != null) {
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "transaction user failed on " + this, e);
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** Under the monitor: sends, and turns a synchronous failure into the state machine's transport-error event. */
    final boolean send(SipMessage message, Destination destination) {
        try {
            transport.send(message, destination);
            return true;
        } catch (TransportException e) {
            transportFailed(e);
            return false;
        }
    }

    /** Under the monitor: sends a retransmission and counts it. */
    final void resend(SipMessage message, Destination destination) {
        if (send(message, destination)) {
            retransmissionsSent++;
            hooks.retransmissionSent();
        }
    }

    /** Under the monitor: counts an absorbed retransmission. */
    final void absorbed() {
        retransmissionsReceived++;
        hooks.retransmissionReceived();
    }

    /** Under the monitor: (re)starts {@code timer}; when it fires, {@code onFire} runs as an event. */
    final void startTimer(TransactionTimer timer, Duration delay, Runnable onFire) {
        cancelTimer(timer);
        TransactionTimers.Handle[] self = new TransactionTimers.Handle[1];
        TransactionTimers.Handle handle = timers.schedule(
                timer,
                delay,
                () -> event(() -> {
                    // A timer cancelled while its task was already on its way must not act.
                    if (armed.get(timer) != self[0]) return;
                    armed.remove(timer);
                    onFire.run();
                }));
        self[0] = handle;
        armed.put(timer, handle);
    }

    final void cancelTimer(TransactionTimer timer) {
        TransactionTimers.Handle h = armed.remove(timer);
        if (h != null) h.cancel();
    }

    /**
     * Under the monitor: starts a timer that holds a state to absorb retransmissions (D, I, J, K); on a reliable
     * transport its duration is zero and {@code ifZero} (the move to Terminated) runs at once instead.
     */
    final void startOrSkip(TransactionTimer timer, Duration delay, Runnable onFire, Runnable ifZero) {
        if (delay.isZero()) ifZero.run();
        else startTimer(timer, delay, onFire);
    }

    /** The next retransmission interval of Timers E and G: doubled, but at most {@code cap} (T2, §17.1.2.2). */
    static Duration doubled(Duration interval, Duration cap) {
        Duration d = interval.multipliedBy(2);
        return d.compareTo(cap) <= 0 ? d : cap;
    }

    /** Under the monitor: the state machine entered Terminated. */
    final void terminated() {
        ended = true;
        for (TransactionTimers.Handle h : armed.values()) h.cancel();
        armed.clear();
        hooks.terminated(this);
        notifyTerminated();
    }

    abstract void notifyTerminated();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + request.method() + " branch=" + branch() + " state=" + state() + "]";
    }
}
