package io.siplane.sip.bench;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.siplane.sip.message.SipMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * siplane/JAIN-SIP ratios that hold up on a shared, noisy machine: the two variants run in alternating short
 * batches (order swapped every round), so a burst of load from elsewhere hits both; the reported ratio is the
 * median of the per-round ratios. Complements the JMH figures, which run each variant for seconds in turn and
 * so can catch a burst in one variant only. Batches are timed in thread CPU time, so time spent descheduled
 * while other work has the cores does not count (cache and memory-bandwidth interference still does).
 *
 * <p>Run: {@code java -cp sip-benchmarks/target/benchmarks.jar io.siplane.sip.bench.PairedRatio [rounds]}
 */
public final class PairedRatio {
    private static final long BATCH_NANOS = 10_000_000L;
    private static final int WARMUP_BATCHES = 300;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Defeats dead-code elimination; read at the end so the JIT cannot prove it unused. */
    private static volatile int sink;

    private PairedRatio() {}

    /** One operation; returns something derived from its result so that the work cannot be eliminated. */
    @FunctionalInterface
    private interface Op {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        byte[] invite = Messages.load(Messages.INVITE_F1);
        byte[] ok = Messages.load(Messages.OK_F9);
        StringMsgParser jain = new StringMsgParser();

        Op siplaneInvite = () -> {
            SipMessage m = ParseInviteBenchmark.siplaneParse(invite);
            return m.topVia().branch().length()
                    + m.from().tag().length()
                    + (m.to().tag() == null ? 0 : 1)
                    + m.callId().length()
                    + m.cseq().number()
                    + m.maxForwards()
                    + m.routes().size();
        };
        Op jainInvite = () -> {
            SIPRequest m = (SIPRequest) ParseInviteBenchmark.jainParse(jain, invite);
            return m.getTopmostVia().getBranch().length()
                    + m.getFrom().getTag().length()
                    + (m.getTo().getTag() == null ? 0 : 1)
                    + m.getCallId().getCallId().length()
                    + m.getCSeq().getSeqNumber()
                    + m.getMaxForwards().getMaxForwards()
                    + (m.getRouteHeaders() == null ? 0 : m.getRouteHeaders().size());
        };
        Op siplaneOk = () -> ParseInviteBenchmark.siplaneParse(ok).toBytes().length;
        Op jainOk = () -> ParseInviteBenchmark.jainParse(jain, ok).encodeAsBytes("UDP").length;

        compare("INVITE F1 parse + proxy headers", siplaneInvite, jainInvite, rounds);
        compare("200 OK F9 parse + serialise", siplaneOk, jainOk, rounds);
        System.out.println("(sink " + sink + ")");
    }

    private static void compare(String what, Op siplane, Op jain, int rounds) throws Exception {
        int n = calibrate(siplane);
        int m = calibrate(jain);
        for (int i = 0; i < WARMUP_BATCHES; i++) { // about 3 s each, as the JMH warm-up: both fully JIT-compiled
            batch(siplane, n);
            batch(jain, m);
        }
        n = calibrate(siplane); // again, now that both run compiled code
        m = calibrate(jain);
        double[] s = new double[rounds];
        double[] j = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if ((r & 1) == 0) {
                s[r] = batch(siplane, n);
                j[r] = batch(jain, m);
            } else {
                j[r] = batch(jain, m);
                s[r] = batch(siplane, n);
            }
            ratio[r] = j[r] / s[r];
        }
        System.out.printf(
                "%-34s siplane %7.0f ns/op  JAIN-SIP %7.0f ns/op (CPU time)  ratio JAIN/siplane median %.2f (IQR %.2f–%.2f)"
                        + "  [%d rounds]%n",
                what, median(s), median(j), median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75), rounds);
    }

    /** Operations that take about {@link #BATCH_NANOS}. */
    private static int calibrate(Op op) throws Exception {
        int n = 1000;
        for (int i = 0; i < 5; i++) {
            double perOp = batch(op, n);
            n = (int) Math.max(100, BATCH_NANOS / perOp);
        }
        return n;
    }

    private static double batch(Op op, int n) throws Exception {
        long h = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) h += op.run();
        long t = THREADS.getCurrentThreadCpuTime() - t0;
        sink += (int) h;
        return (double) t / n;
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    private static double quantile(double[] v, double q) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[(int) Math.round(q * (c.length - 1))];
    }
}
