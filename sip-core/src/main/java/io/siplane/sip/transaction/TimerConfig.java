package io.siplane.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The transaction timers of RFC 3261 Table 4 (Appendix A) and RFC 6026 §8, as {@link Duration}s.
 *
 * <p>Defaults: T1 = 500 ms (RTT estimate), T2 = 4 s (maximum non-INVITE request and INVITE response retransmit
 * interval), T4 = 5 s (maximum time a message stays in the network). The other timers derive from those unless set:
 * A = E = G = T1 (initial intervals), B = F = H = J = L = M = 64*T1, D = 32 s, I = K = T4. Over reliable transports
 * D, I, J and K are zero ({@link #timerD(boolean)} and friends) and A, E and G are not used.
 *
 * <p>{@link #tryingDelay()} is how long an INVITE server transaction waits for the transaction user's first response
 * before it sends 100 Trying itself (RFC 3261 §17.2.1: 200 ms); zero sends 100 Trying at once.
 */
public final class TimerConfig {
    /** RFC 3261 Appendix A: T1, an estimate of the round-trip time. */
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    /** RFC 3261 Appendix A: T2, the maximum retransmit interval for non-INVITE requests and INVITE responses. */
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    /** RFC 3261 Appendix A: T4, the maximum duration a message will remain in the network. */
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    /** RFC 3261 Appendix A: Timer D, "> 32s for UDP". */
    public static final Duration DEFAULT_TIMER_D = Duration.ofSeconds(32);
    /** RFC 3261 §17.2.1: the server transaction answers 100 Trying when the TU has not answered within 200 ms. */
    public static final Duration DEFAULT_TRYING_DELAY = Duration.ofMillis(200);

    /** Every timer at its RFC default. */
    public static final TimerConfig DEFAULT = builder().build();

    private final Duration t1;
    private final Duration t2;
    private final Duration t4;
    private final Duration timerA;
    private final Duration timerB;
    private final Duration timerD;
    private final Duration timerE;
    private final Duration timerF;
    private final Duration timerG;
    private final Duration timerH;
    private final Duration timerI;
    private final Duration timerJ;
    private final Duration timerK;
    private final Duration timerL;
    private final Duration timerM;
    private final Duration tryingDelay;

    private TimerConfig(Builder b) {
        t1 = positive(b.t1, "T1");
        t2 = positive(b.t2, "T2");
        t4 = positive(b.t4, "T4");
        Duration t1x64 = t1.multipliedBy(64);
        timerA = positive(or(b.timerA, t1), "Timer A");
        timerB = positive(or(b.timerB, t1x64), "Timer B");
        timerD = notNegative(or(b.timerD, DEFAULT_TIMER_D), "Timer D");
        timerE = positive(or(b.timerE, t1), "Timer E");
        timerF = positive(or(b.timerF, t1x64), "Timer F");
        timerG = positive(or(b.timerG, t1), "Timer G");
        timerH = positive(or(b.timerH, t1x64), "Timer H");
        timerI = notNegative(or(b.timerI, t4), "Timer I");
        timerJ = notNegative(or(b.timerJ, t1x64), "Timer J");
        timerK = notNegative(or(b.timerK, t4), "Timer K");
        timerL = positive(or(b.timerL, t1x64), "Timer L");
        timerM = positive(or(b.timerM, t1x64), "Timer M");
        tryingDelay = notNegative(or(b.tryingDelay, DEFAULT_TRYING_DELAY), "trying delay");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Duration or(Duration d, Duration fallback) {
        return d != null ? d : fallback;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
        return d;
    }

    private static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative: " + d);
        return d;
    }

    public Duration t1() {
        return t1;
    }

    public Duration t2() {
        return t2;
    }

    public Duration t4() {
        return t4;
    }

    /** Initial INVITE retransmit interval (unreliable only); doubles without a cap (§17.1.1.2). */
    public Duration timerA() {
        return timerA;
    }

    /** INVITE client transaction timeout, 64*T1. */
    public Duration timerB() {
        return timerB;
    }

    /** Completed-state wait of the INVITE client transaction: 32 s over unreliable transports, zero over reliable. */
    public Duration timerD(boolean reliable) {
        return reliable ? Duration.ZERO : timerD;
    }

    /** Initial non-INVITE retransmit interval (unreliable only); doubles up to T2 (§17.1.2.2). */
    public Duration timerE() {
        return timerE;
    }

    /** Non-INVITE client transaction timeout, 64*T1. */
    public Duration timerF() {
        return timerF;
    }

    /** Initial INVITE final-response retransmit interval (unreliable only); doubles up to T2 (§17.2.1). */
    public Duration timerG() {
        return timerG;
    }

    /** Wait for the ACK, 64*T1. */
    public Duration timerH() {
        return timerH;
    }

    /** Confirmed-state wait for ACK retransmissions: T4 over unreliable transports, zero over reliable. */
    public Duration timerI(boolean reliable) {
        return reliable ? Duration.ZERO : timerI;
    }

    /** Completed-state wait of the non-INVITE server: 64*T1 over unreliable transports, zero over reliable. */
    public Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : timerJ;
    }

    /** Completed-state wait of the non-INVITE client: T4 over unreliable transports, zero over reliable. */
    public Duration timerK(boolean reliable) {
        return reliable ? Duration.ZERO : timerK;
    }

    /** Accepted-state wait of the INVITE server transaction, 64*T1 (RFC 6026). */
    public Duration timerL() {
        return timerL;
    }

    /** Accepted-state wait of the INVITE client transaction, 64*T1 (RFC 6026). */
    public Duration timerM() {
        return timerM;
    }

    /** How long the INVITE server transaction waits for the TU before it sends 100 Trying; zero: at once. */
    public Duration tryingDelay() {
        return tryingDelay;
    }

    @Override
    public String toString() {
        return "TimerConfig[T1=" + t1 + ", T2=" + t2 + ", T4=" + t4 + ", B=" + timerB + ", D=" + timerD + ", F="
                + timerF + ", H=" + timerH + ", J=" + timerJ + ", L=" + timerL + ", M=" + timerM + "]";
    }

    /** Sets T1, T2, T4 and any timer to override; a timer left unset derives from T1, T2 and T4 at build time. */
    public static final class Builder {
        private Duration t1 = DEFAULT_T1;
        private Duration t2 = DEFAULT_T2;
        private Duration t4 = DEFAULT_T4;
        private Duration timerA;
        private Duration timerB;
        private Duration timerD;
        private Duration timerE;
        private Duration timerF;
        private Duration timerG;
        private Duration timerH;
        private Duration timerI;
        private Duration timerJ;
        private Duration timerK;
        private Duration timerL;
        private Duration timerM;
        private Duration tryingDelay;

        private Builder() {}

        public Builder t1(Duration d) {
            t1 = d;
            return this;
        }

        public Builder t2(Duration d) {
            t2 = d;
            return this;
        }

        public Builder t4(Duration d) {
            t4 = d;
            return this;
        }

        public Builder timerA(Duration d) {
            timerA = d;
            return this;
        }

        public Builder timerB(Duration d) {
            timerB = d;
            return this;
        }

        /** Timer D over unreliable transports (it is always zero over reliable ones). */
        public Builder timerD(Duration d) {
            timerD = d;
            return this;
        }

        public Builder timerE(Duration d) {
            timerE = d;
            return this;
        }

        public Builder timerF(Duration d) {
            timerF = d;
            return this;
        }

        public Builder timerG(Duration d) {
            timerG = d;
            return this;
        }

        public Builder timerH(Duration d) {
            timerH = d;
            return this;
        }

        /** Timer I over unreliable transports (it is always zero over reliable ones). */
        public Builder timerI(Duration d) {
            timerI = d;
            return this;
        }

        /** Timer J over unreliable transports (it is always zero over reliable ones). */
        public Builder timerJ(Duration d) {
            timerJ = d;
            return this;
        }

        /** Timer K over unreliable transports (it is always zero over reliable ones). */
        public Builder timerK(Duration d) {
            timerK = d;
            return this;
        }

        public Builder timerL(Duration d) {
            timerL = d;
            return this;
        }

        public Builder timerM(Duration d) {
            timerM = d;
            return this;
        }

        public Builder tryingDelay(Duration d) {
            tryingDelay = d;
            return this;
        }

        public TimerConfig build() {
            return new TimerConfig(this);
        }
    }
}
