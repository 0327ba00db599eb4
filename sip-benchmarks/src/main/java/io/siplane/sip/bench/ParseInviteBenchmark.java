package io.siplane.sip.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing the RFC 3261 §24.2 F1 INVITE (474 bytes, SDP body) as it arrives in one UDP datagram.
 *
 * <p>{@code siplaneProxyHeaders} is the figure the performance targets are about: parse, then read what a
 * proxy needs to route the request (top Via branch, From/To tags, Call-ID, CSeq number, Max-Forwards, Route).
 * {@code jainSipProxyHeaders} does the same work with the JAIN-SIP RI parser, the way its UDP channel calls
 * it. {@code siplaneParseOnly} shows what the accessors add on top of the parse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseInviteBenchmark {
    private byte[] invite;
    private StringMsgParser jainParser;

    @Setup
    public void setUp() throws ParseException {
        invite = Messages.load(Messages.INVITE_F1);
        // The RI keeps one parser per message channel and reuses it; so do we.
        jainParser = new StringMsgParser();
        // Fail at setup, not inside a measurement, if either parser rejects the input.
        siplaneParse(invite);
        jainParse(jainParser, invite);
    }

    @Benchmark
    public void siplaneProxyHeaders(Blackhole bh) {
        SipMessage m = siplaneParse(invite);
        bh.consume(m.topVia().branch());
        bh.consume(m.from().tag());
        bh.consume(m.to().tag());
        bh.consume(m.callId());
        bh.consume(m.cseq().number());
        bh.consume(m.maxForwards());
        bh.consume(m.routes());
    }

    @Benchmark
    public Object siplaneParseOnly() {
        return new SipParser().parseDatagram(invite);
    }

    @Benchmark
    public void jainSipProxyHeaders(Blackhole bh) throws ParseException {
        SIPRequest m = (SIPRequest) jainParse(jainParser, invite);
        bh.consume(m.getTopmostVia().getBranch());
        bh.consume(m.getFrom().getTag());
        bh.consume(m.getTo().getTag());
        bh.consume(m.getCallId().getCallId());
        bh.consume(m.getCSeq().getSeqNumber());
        bh.consume(m.getMaxForwards().getMaxForwards());
        bh.consume(m.getRouteHeaders());
    }

    static SipMessage siplaneParse(byte[] bytes) {
        ParseResult r = new SipParser().parseDatagram(bytes);
        if (r instanceof ParseResult.Parsed p) return p.message();
        throw new IllegalStateException("siplane rejected the benchmark input: " + r);
    }

    /** As {@code gov.nist.javax.sip.stack.UDPMessageChannel} does: read the body, not strict. */
    static SIPMessage jainParse(StringMsgParser parser, byte[] bytes) throws ParseException {
        return parser.parseSIPMessage(bytes, true, false, null);
    }
}
