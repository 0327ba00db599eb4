package io.siplane.sip.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.codec.InboundFailure;
import io.siplane.sip.codec.InboundMessage;
import io.siplane.sip.codec.KeepAlive;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import io.siplane.sip.parse.SipParser.Framing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The 4,527 PROTOS c07-sip cases (University of Oulu OUSPG, via rtckit/protos-sip-test-cases) against the parser
 * and both decoders. PROTOS's criterion is robustness, not a verdict per case: no crash, no hang, no leak, and
 * the element must still answer the valid teardown that follows each case (corpus protos/README.md). So every
 * case's INVITE and its CANCEL teardown go through
 *
 * <ul>
 *   <li>the parser as a datagram and as a stream: no exception, under 10 ms, typed accessors throw only
 *       {@code SipParseException};
 *   <li>{@code SipDatagramDecoder}: no exception, the packet released, the teardown parsed;
 *   <li>{@code SipStreamDecoder}, INVITE and CANCEL on one connection, in one write and fragmented three ways:
 *       the same outcome for every fragmentation, never more buffered than {@code maxMessageBytes()}, and the
 *       CANCEL comes out exactly when the INVITE left the framing intact (RFC 3261 §18.3, RFC 4475 §3.1.2.3).
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtosC07SipTest {
    private static final long MAX_PARSE_NANOS = 10_000_000;
    private static final int MAX_FAILURES_SHOWN = 20;

    private static final SipParser PARSER = new SipParser();
    private static List<ProtosCorpus.Case> cases;
    private static long heapAfterLoad;
    private static int leaksBefore;

    @BeforeAll
    static void loadCorpus() {
        Path protos = ProtosCorpus.locate();
        if (protos == null) {
            String message = "PROTOS c07-sip corpus not found: expected " + ProtosCorpus.expected()
                    + " (walked up from " + Path.of("").toAbsolutePath() + "). Set "
                    + ProtosCorpus.ALLOW_MISSING_ENV + "=1 to skip instead of failing.";
            if (System.getenv(ProtosCorpus.ALLOW_MISSING_ENV) != null) Assumptions.abort(message);
            throw new AssertionError(message);
        }
        cases = ProtosCorpus.load(protos);
        assertThat(cases).as("cases in %s", protos).hasSize(4527);
        leaksBefore = NettyLeaks.collectAndCount();
        heapAfterLoad = usedHeap();
    }

    @Test
    @Order(1)
    void everyCaseParsesOrFailsCleanlyInBothFramingsWithinTenMilliseconds() {
        List<String> problems = new ArrayList<>();
        for (ProtosCorpus.Case c : cases) {
            // warm-up pass, which is also the correctness pass: the JIT has seen every path before timing
            for (Framing framing : Framing.values()) {
                check(problems, c, "parser " + framing + " INVITE", () -> {
                    ParseResult r = PARSER.parse(c.invite(), 0, c.invite().length, framing);
                    exercise(r);
                });
                check(problems, c, "parser " + framing + " teardown", () -> {
                    ParseResult r = PARSER.parse(c.teardown(), 0, c.teardown().length, framing);
                    // some groups (sip-request-uri) mutate the Request-URI the teardown shares with the INVITE
                    if (c.templateTeardown()) assertCancel(r);
                    exercise(r);
                });
            }
        }
        assertNoProblems(problems);

        long[] nanos = new long[cases.size()];
        for (ProtosCorpus.Case c : cases) {
            long worst = 0;
            for (Framing framing : Framing.values()) worst = Math.max(worst, bestOfThree(c.invite(), framing));
            nanos[c.number()] = worst;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int slowest = 0;
        for (int i = 0; i < nanos.length; i++) if (nanos[i] > nanos[slowest]) slowest = i;
        System.out.printf(
                "PROTOS c07-sip parse time per case (best of 3, slower framing): p50 %.1f us, p99 %.1f us,"
                        + " max %.1f us (case %d, %d bytes)%n",
                sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3,
                slowest,
                cases.get(slowest).invite().length);
        assertThat(sorted[sorted.length - 1])
                .as("slowest parse (case %d)", slowest)
                .isLessThan(MAX_PARSE_NANOS);

        printSummary();
        ParseResult valid = PARSER.parse(cases.get(0).invite(), 0, cases.get(0).invite().length, Framing.DATAGRAM);
        assertThat(valid).as("case 0 (valid)").isInstanceOf(ParseResult.Parsed.class);
        assertThat(PARSER.parse(cases.get(0).invite(), 0, cases.get(0).invite().length, Framing.STREAM))
                .as("case 0 (valid) on a stream")
                .isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    @Order(2)
    void datagramDecoderSurvivesEveryCaseAndStillTakesTheTeardown() {
        List<String> problems = new ArrayList<>();
        for (ProtosCorpus.Case c : cases) {
            check(problems, c, "datagram decoder", () -> {
                List<Object> invite = Decoders.datagram(PARSER, c.invite());
                if (invite.size() > 1) throw new AssertionError("one datagram gave " + invite.size() + " outputs");
                List<Object> teardown = Decoders.datagram(PARSER, c.teardown());
                List<String> expected = signature(PARSER.parse(c.teardown(), 0, c.teardown().length, Framing.DATAGRAM));
                if (!signature(teardown).equals(expected))
                    throw new AssertionError("teardown datagram gave " + signature(teardown) + ", not " + expected);
            });
        }
        assertNoProblems(problems);
    }

    @Test
    @Order(3)
    void streamDecoderGoesOnAfterAnIntactInviteAndStopsAfterLostFraming() {
        long maxHeld = PARSER.limits().maxMessageBytes();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ProtosCorpus.Case c : cases) {
            check(problems, c, "stream decoder", () -> {
                byte[] both = c.both();
                List<Object> whole = withoutKeepAlives(Decoders.stream(PARSER, both, maxHeld));
                Random r = new Random(c.number());
                for (IntUnaryOperator sizes : fragmenters(r, c)) {
                    List<Object> fragmented = withoutKeepAlives(Decoders.stream(PARSER, both, sizes, maxHeld));
                    if (!signature(fragmented).equals(signature(whole)))
                        throw new AssertionError(
                                "fragmented " + signature(fragmented) + " but whole " + signature(whole));
                }
                outcomes.merge(checkFraming(c, whole), 1, Integer::sum);
            });
        }
        System.out.println("PROTOS c07-sip on one stream (INVITE then CANCEL): " + outcomes);
        assertNoProblems(problems);
    }

    @Test
    @Order(4)
    void noNettyLeaksAndNoHeapGrowth() {
        assertThat(NettyLeaks.paranoid())
                .as("tests run with -Dio.netty.leakDetection.level=paranoid")
                .isTrue();
        assertThat(NettyLeaks.collectAndCount()).as("Netty leak reports").isEqualTo(leaksBefore);
        long growth = usedHeap() - heapAfterLoad;
        System.out.printf("PROTOS c07-sip heap growth after all cases: %d KiB%n", growth / 1024);
        // Nothing should survive a case; 64 MiB leaves room for JIT and class metadata noise while still catching
        // a decoder or cache that keeps ~37 MB of corpus bytes reachable.
        assertThat(growth).as("retained heap growth").isLessThan(64L << 20);
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * The relationship between the INVITE's outcome on its own and what the decoder makes of INVITE + CANCEL.
     * Returns the outcome's name for the summary.
     */
    private static String checkFraming(ProtosCorpus.Case c, List<Object> out) {
        for (int i = 0; i < out.size() - 1; i++) {
            if (out.get(i) instanceof InboundFailure f && !f.failure().framingIntact())
                throw new AssertionError("output after a failure that lost the framing: " + signature(out));
        }
        ParseResult alone = PARSER.parse(c.invite(), 0, c.invite().length, Framing.STREAM);
        if (alone instanceof ParseResult.Failed f && !f.failure().framingIntact()) {
            if (out.size() != 1
                    || !(out.get(0) instanceof InboundFailure g)
                    || g.failure().framingIntact())
                throw new AssertionError(
                        "INVITE lost the framing (" + f.failure().error() + ") but the stream gave " + signature(out));
            return "framing lost, nothing after";
        }
        int consumed = alone instanceof ParseResult.Parsed p
                ? p.consumed()
                : alone instanceof ParseResult.Failed f ? f.failure().consumed() : -1;
        if (consumed == c.invite().length) {
            // the teardown comes out as it does on a fresh connection: the INVITE left nothing behind
            List<String> expected = new ArrayList<>(signature(alone));
            ParseResult teardown = PARSER.parse(c.teardown(), 0, c.teardown().length, Framing.STREAM);
            expected.addAll(signature(teardown));
            if (!signature(out).equals(expected))
                throw new AssertionError("INVITE kept the framing so expected " + expected + ", got " + signature(out));
            return (alone instanceof ParseResult.Parsed ? "parsed" : "failed intact")
                    + (teardown instanceof ParseResult.Parsed ? ", CANCEL after" : ", mutated teardown failed after");
        }
        // The INVITE's own framing disagrees with its PDU (a mutated line end or Content-Length): the CANCEL's
        // bytes become part of it or follow garbage. Only the general rule above applies.
        boolean cancel = !out.isEmpty() && isCancel(out.get(out.size() - 1));
        return consumed < 0
                ? "INVITE incomplete on its own" + (cancel ? ", CANCEL after" : ", CANCEL absorbed")
                : "INVITE framed short" + (cancel ? ", CANCEL after" : ", CANCEL lost");
    }

    /** The parser's result in the decoders' terms. */
    private static List<String> signature(ParseResult r) {
        if (r instanceof ParseResult.Parsed p)
            return List.of("message" + (p.message() instanceof SipRequest q ? " " + q.method() : ""));
        if (r instanceof ParseResult.Failed f)
            return List.of("failure " + f.failure().error());
        return List.of();
    }

    /** Three fragmentations: tiny pieces over the start, random pieces, and a split near the PDU boundary. */
    private static List<IntUnaryOperator> fragmenters(Random r, ProtosCorpus.Case c) {
        int total = c.invite().length + c.teardown().length;
        int chunk = Math.max(16, total / 8);
        int[] sent = {0};
        IntUnaryOperator tinyThenRandom = left -> {
            int n = total - left < 256 ? 1 + r.nextInt(8) : 1 + r.nextInt(chunk);
            return n;
        };
        IntUnaryOperator random = left -> 1 + r.nextInt(chunk);
        int boundary = Math.max(1, c.invite().length + r.nextInt(7) - 3);
        IntUnaryOperator nearBoundary = left -> {
            int n = total - left < boundary ? boundary - (total - left) : left;
            sent[0] += n;
            return n;
        };
        return List.of(tinyThenRandom, random, nearBoundary);
    }

    private static long bestOfThree(byte[] b, Framing framing) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            ParseResult r = PARSER.parse(b, 0, b.length, framing);
            long t = System.nanoTime() - t0;
            if (r == null) throw new AssertionError("null result");
            best = Math.min(best, t);
        }
        return best;
    }

    private void printSummary() {
        Map<String, int[]> parsed = new LinkedHashMap<>();
        Map<String, Map<ParseError, Integer>> errors = new LinkedHashMap<>();
        Map<String, String> criteria = new LinkedHashMap<>();
        int totalParsed = 0;
        for (ProtosCorpus.Case c : cases) {
            String g = c.group().name();
            criteria.put(g, c.group().rtckitCriteria());
            int[] counts = parsed.computeIfAbsent(g, k -> new int[2]);
            ParseResult r = PARSER.parse(c.invite(), 0, c.invite().length, Framing.DATAGRAM);
            if (r instanceof ParseResult.Parsed) {
                counts[0]++;
                totalParsed++;
            } else {
                counts[1]++;
                errors.computeIfAbsent(g, k -> new EnumMap<>(ParseError.class))
                        .merge(((ParseResult.Failed) r).failure().error(), 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "PROTOS c07-sip INVITE as a datagram: %d parsed, %d failed with a ParseError%n",
                totalParsed, cases.size() - totalParsed));
        sb.append(String.format("  %-32s %6s %6s  %-9s  %s%n", "group", "parsed", "failed", "rtckit", "errors"));
        for (var e : parsed.entrySet()) {
            String errs = errors.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                    .map(x -> x.getKey() + "=" + x.getValue())
                    .collect(Collectors.joining(" "));
            sb.append(String.format(
                    "  %-32s %6d %6d  %-9s  %s%n",
                    e.getKey(), e.getValue()[0], e.getValue()[1], criteria.get(e.getKey()), errs));
        }
        System.out.print(sb);
    }

    private static void exercise(ParseResult r) {
        if (r instanceof ParseResult.Parsed p) TypedAccessors.exercise(p.message());
        else if (r instanceof ParseResult.Failed f) TypedAccessors.exercise(f.failure());
    }

    private static void assertCancel(ParseResult r) {
        if (!(r instanceof ParseResult.Parsed p)
                || !(p.message() instanceof SipRequest req)
                || req.method() != SipMethod.CANCEL) throw new AssertionError("teardown did not parse: " + r);
    }

    private static boolean isCancel(Object o) {
        return o instanceof InboundMessage m && m.message() instanceof SipRequest r && r.method() == SipMethod.CANCEL;
    }

    private static List<Object> withoutKeepAlives(List<Object> out) {
        return out.stream().filter(o -> !(o instanceof KeepAlive)).toList();
    }

    /** What came out, in a comparable form: "message METHOD" or "failure ERROR". */
    private static List<String> signature(List<Object> out) {
        return out.stream()
                .map(o -> o instanceof InboundMessage m
                        ? "message" + (m.message() instanceof SipRequest r ? " " + r.method() : "")
                        : o instanceof InboundFailure f
                                ? "failure " + f.failure().error()
                                : o.toString())
                .toList();
    }

    private static void check(List<String> problems, ProtosCorpus.Case c, String what, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            StackTraceElement[] st = t.getStackTrace();
            String text = t.toString();
            if (text.length() > 400) text = text.substring(0, 400) + "...";
            problems.add(String.format(
                    "case %04d (%s) %s: %s%s",
                    c.number(), c.group().name(), what, text, st.length > 0 ? " at " + st[0] : ""));
        }
    }

    private static void assertNoProblems(List<String> problems) {
        if (problems.isEmpty()) return;
        throw new AssertionError(problems.size() + " problem(s), first " + Math.min(problems.size(), MAX_FAILURES_SHOWN)
                + ":\n" + String.join("\n", problems.subList(0, Math.min(problems.size(), MAX_FAILURES_SHOWN))));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
