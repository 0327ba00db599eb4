package io.siplane.sip.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
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

/**
 * Parse then serialise a 200 OK to an INVITE (RFC 3261 §24.2 F9 with Record-Route and SDP, 710 bytes): what a
 * stateless element does with every response it relays, before it edits anything.
 *
 * <p>siplane serialises from the received bytes it kept; the JAIN-SIP RI re-encodes from its header objects.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseSerializeOkBenchmark {
    private byte[] ok;
    private StringMsgParser jainParser;

    @Setup
    public void setUp() throws ParseException {
        ok = Messages.load(Messages.OK_F9);
        jainParser = new StringMsgParser();
        ParseInviteBenchmark.siplaneParse(ok);
        ParseInviteBenchmark.jainParse(jainParser, ok);
    }

    @Benchmark
    public byte[] siplane() {
        return ParseInviteBenchmark.siplaneParse(ok).toBytes();
    }

    @Benchmark
    public byte[] jainSip() throws ParseException {
        SIPMessage m = ParseInviteBenchmark.jainParse(jainParser, ok);
        return m.encodeAsBytes("UDP");
    }
}
