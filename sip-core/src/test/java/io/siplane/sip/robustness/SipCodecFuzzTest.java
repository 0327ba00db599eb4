package io.siplane.sip.robustness;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.siplane.sip.codec.InboundFailure;
import io.siplane.sip.codec.InboundMessage;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import io.siplane.sip.parse.SipParser.Framing;
import io.siplane.sip.parse.SipParserLimits;
import java.util.List;

/**
 * Jazzer fuzz tests of the parser and the stream decoder. In a plain {@code mvn test} they run once per seed in
 * {@code SipCodecFuzzTestInputs/<method>/} (a few RFC 4475 torture messages, plus any crash found since); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates inputs for {@code maxDuration}. See docs/fuzzing.md.
 */
class SipCodecFuzzTest {
    /** The defaults, and limits small enough that the fuzzer reaches every limit check within a few hundred bytes. */
    private static final List<SipParser> PARSERS =
            List.of(new SipParser(), new SipParser(new SipParserLimits(64, 256, 8, 128, 512)));

    /**
     * The parser never throws on any bytes in either framing, its results are self-consistent, and the typed
     * accessors of whatever it accepts throw only {@code SipParseException}.
     */
    @FuzzTest(maxDuration = "25s")
    void parserNeverThrows(byte[] data) {
        for (SipParser parser : PARSERS) {
            for (Framing framing : Framing.values()) {
                ParseResult r = parser.parse(data, 0, data.length, framing);
                check(r, data.length, framing);
                if (r instanceof ParseResult.Parsed p) TypedAccessors.exercise(p.message());
                else if (r instanceof ParseResult.Failed f) TypedAccessors.exercise(f.failure());
            }
        }
    }

    /**
     * Fragments of fuzzed bytes through {@code SipStreamDecoder}: nothing escapes, the decoder never holds more
     * than a message's worth of bytes, every buffer is released, and nothing follows a lost framing.
     */
    @FuzzTest(maxDuration = "25s")
    void streamDecoderNeverThrowsAndNeverLeaks(FuzzedDataProvider data) {
        SipParser parser = PARSERS.get(data.consumeBoolean() ? 0 : 1);
        int[] sizes = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < sizes.length; i++) sizes[i] = data.consumeInt(1, 600);
        byte[] stream = data.consumeRemainingAsBytes();
        int[] next = {0};
        List<Object> out = Decoders.stream(
                parser,
                stream,
                left -> sizes[next[0]++ % sizes.length],
                parser.limits().maxMessageBytes());
        for (int i = 0; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof InboundFailure f) {
                TypedAccessors.exercise(f.failure());
                if (!f.failure().framingIntact() && i != out.size() - 1)
                    throw new AssertionError("output after a failure that lost the framing: " + out);
            } else if (o instanceof InboundMessage m) {
                TypedAccessors.exercise(m.message());
            }
        }
    }

    private static void check(ParseResult r, int length, Framing framing) {
        if (r == null) throw new AssertionError("null result");
        if (r instanceof ParseResult.Parsed p && (p.consumed() <= 0 || p.consumed() > length))
            throw new AssertionError("consumed " + p.consumed() + " of " + length);
        if (r instanceof ParseResult.Incomplete inc) {
            if (framing == Framing.DATAGRAM) throw new AssertionError("a datagram cannot be incomplete");
            if (inc.totalBytes() >= 0 && inc.totalBytes() <= length)
                throw new AssertionError("incomplete, yet needs only " + inc.totalBytes() + " of " + length);
        }
        if (r instanceof ParseResult.Failed f) {
            int consumed = f.failure().consumed();
            // a datagram's failure always consumes exactly the datagram; a stream's must make progress or give up
            boolean ok = framing == Framing.DATAGRAM
                    ? f.failure().framingIntact() && consumed == length
                    : f.failure().framingIntact() ? consumed > 0 && consumed <= length : consumed == -1;
            if (!ok) throw new AssertionError("failure consumed " + consumed + " of " + length + ": " + f.failure());
        }
    }
}
