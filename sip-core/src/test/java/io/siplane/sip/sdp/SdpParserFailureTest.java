package io.siplane.sip.sdp;

import static io.siplane.sip.sdp.SdpFixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is a failure value with a cause and a line number, never an exception. */
class SdpParserFailureTest {
    private static final String V = "v=0";
    private static final String O = "o=- 1 1 IN IP4 192.0.2.1";
    private static final String S = "s=-";
    private static final String C = "c=IN IP4 192.0.2.1";
    private static final String T = "t=0 0";
    private static final String M = "m=audio 49170 RTP/AVP 0";

    private static SdpParseResult.Failure failure(SdpParseResult result) {
        assertThat(result).isInstanceOf(SdpParseResult.Failure.class);
        return (SdpParseResult.Failure) result;
    }

    private static void assertFails(String sdp, SdpParseError error, int line) {
        SdpParseResult.Failure f = failure(SdpParser.parse(sdp));
        assertThat(f.error()).as(f.cause()).isEqualTo(error);
        assertThat(f.lineNumber()).as(f.cause()).isEqualTo(line);
        assertThat(f.detail()).isNotBlank();
        // The same body as bytes fails the same way.
        SdpParseResult.Failure fromBytes = failure(SdpParser.parse(sdp.getBytes(StandardCharsets.UTF_8)));
        assertThat(fromBytes).isEqualTo(f);
    }

    @Test
    void emptyInputFails() {
        assertThat(failure(SdpParser.parse("")).error()).isEqualTo(SdpParseError.EMPTY);
        assertThat(failure(SdpParser.parse(new byte[0])).error()).isEqualTo(SdpParseError.EMPTY);
        assertFails("\r\n\r\n", SdpParseError.EMPTY, 0);
    }

    @Test
    void missingVersionLineFailsOnTheFirstLine() {
        assertFails(sdp(O, S, T), SdpParseError.MISSING_LINE, 1);
    }

    @Test
    void originWithFiveFieldsFailsWithTheFieldCount() {
        SdpParseResult.Failure f = failure(SdpParser.parse(sdp(V, "o=- 1 1 IN IP4", S, T)));

        assertThat(f.error()).isEqualTo(SdpParseError.INVALID_ORIGIN);
        assertThat(f.lineNumber()).isEqualTo(2);
        assertThat(f.cause()).isEqualTo("invalid o= line at line 2: o= needs 6 fields, found 5");
    }

    @Test
    void nonNumericPortFailsOnTheMediaLine() {
        SdpParseResult.Failure f = failure(SdpParser.parse(sdp(V, O, S, C, T, "m=audio abc RTP/AVP 0")));

        assertThat(f.error()).isEqualTo(SdpParseError.INVALID_MEDIA);
        assertThat(f.lineNumber()).isEqualTo(6);
        assertThat(f.cause()).contains("port", "abc");
    }

    @Test
    void inputOverTheSizeLimitFailsBeforeParsing() {
        String huge = sdp(V, O, S, T) + "a=x:" + "y".repeat(SdpLimits.DEFAULT_MAX_BYTES) + "\r\n";

        SdpParseResult.Failure text = failure(SdpParser.parse(huge));
        SdpParseResult.Failure bytes = failure(SdpParser.parse(huge.getBytes(StandardCharsets.UTF_8)));

        assertThat(text.error()).isEqualTo(SdpParseError.TOO_LARGE);
        assertThat(text.lineNumber()).isZero();
        assertThat(bytes.error()).isEqualTo(SdpParseError.TOO_LARGE);
    }

    /** The size limit counts UTF-8 octets, not characters, for text input too. */
    @Test
    void sizeLimitCountsOctetsOfMultibyteText() {
        String body = sdp(V, O, "s=" + "☎".repeat(100), T);
        SdpLimits limits = new SdpLimits(250, 100, 10);

        assertThat(body.length()).isLessThan(250);
        assertThat(failure(SdpParser.parse(body, limits)).error()).isEqualTo(SdpParseError.TOO_LARGE);
    }

    @Test
    void tooManyLinesFailsAtTheFirstLineOverTheLimit() {
        SdpLimits limits = new SdpLimits(SdpLimits.DEFAULT_MAX_BYTES, 5, 10);

        SdpParseResult.Failure f = failure(SdpParser.parse(sdp(V, O, S, T, "a=x", "a=y"), limits));

        assertThat(f.error()).isEqualTo(SdpParseError.TOO_MANY_LINES);
        assertThat(f.lineNumber()).isEqualTo(6);
    }

    @Test
    void tooManyMediaDescriptionsFailsAtTheFirstOneOverTheLimit() {
        SdpLimits limits = new SdpLimits(SdpLimits.DEFAULT_MAX_BYTES, 100, 2);

        SdpParseResult.Failure f = failure(SdpParser.parse(sdp(V, O, S, C, T, M, M, M), limits));

        assertThat(f.error()).isEqualTo(SdpParseError.TOO_MANY_MEDIA);
        assertThat(f.lineNumber()).isEqualTo(8);
    }

    @Test
    void invalidUtf8FailsWithTheLineOfTheBadOctet() {
        byte[] good = sdp(V, O, "s=x", T).getBytes(StandardCharsets.US_ASCII);
        byte[] bad = Arrays.copyOf(good, good.length);
        bad[bad.length - 10] = (byte) 0xC3; // a lead octet followed by "\r": not UTF-8

        SdpParseResult.Failure f = failure(SdpParser.parse(bad));

        assertThat(f.error()).isEqualTo(SdpParseError.NOT_UTF8);
        assertThat(f.lineNumber()).isEqualTo(3);
    }

    @Test
    void binaryGarbageFailsWithoutThrowing() {
        Random random = new Random(20261125);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[1 + random.nextInt(400)];
            random.nextBytes(garbage);

            SdpParseResult result = SdpParser.parse(garbage);

            assertThat(result.isSuccess()).as("garbage #%d", i).isFalse();
            assertThat(failure(result).cause()).isNotBlank();
        }
    }

    @Test
    void failureThrowsOnlyWhenTheCallerInsistsOnADescription() {
        SdpParseResult result = SdpParser.parse(sdp(O, S, T));

        assertThat(result.toOptional()).isEmpty();
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("missing line at line 1: the first line must be v=");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("version other than 0", sdp("v=1", O, S, T), SdpParseError.INVALID_VERSION, 1),
                Arguments.of(
                        "non-numeric session id",
                        sdp(V, "o=- x 1 IN IP4 192.0.2.1", S, T),
                        SdpParseError.INVALID_ORIGIN,
                        2),
                Arguments.of("origin with seven fields", sdp(V, O + " extra", S, T), SdpParseError.INVALID_ORIGIN, 2),
                Arguments.of("missing s=", sdp(V, O, T), SdpParseError.MISSING_LINE, 3),
                Arguments.of("s= before o=", sdp(V, S, O, T), SdpParseError.MISSING_LINE, 2),
                Arguments.of("only v= and o=", sdp(V, O), SdpParseError.MISSING_LINE, 3),
                Arguments.of("no t= at all", sdp(V, O, S, C), SdpParseError.MISSING_LINE, 5),
                Arguments.of("m= before any t=", sdp(V, O, S, C, M), SdpParseError.MISSING_LINE, 5),
                Arguments.of(
                        "port above 65535",
                        sdp(V, O, S, C, T, "m=audio 65536 RTP/AVP 0"),
                        SdpParseError.INVALID_MEDIA,
                        6),
                Arguments.of(
                        "negative port", sdp(V, O, S, C, T, "m=audio -1 RTP/AVP 0"), SdpParseError.INVALID_MEDIA, 6),
                Arguments.of(
                        "zero number of ports",
                        sdp(V, O, S, C, T, "m=audio 49170/0 RTP/AVP 0"),
                        SdpParseError.INVALID_MEDIA,
                        6),
                Arguments.of(
                        "m= without formats",
                        sdp(V, O, S, C, T, "m=audio 49170 RTP/AVP"),
                        SdpParseError.INVALID_MEDIA,
                        6),
                Arguments.of("c= with two fields", sdp(V, O, S, "c=IN IP4", T), SdpParseError.INVALID_CONNECTION, 4),
                Arguments.of("b= without a colon", sdp(V, O, S, "b=AS", T), SdpParseError.INVALID_BANDWIDTH, 4),
                Arguments.of(
                        "b= with a non-numeric value",
                        sdp(V, O, S, "b=AS:lots", T),
                        SdpParseError.INVALID_BANDWIDTH,
                        4),
                Arguments.of("t= with one field", sdp(V, O, S, "t=0"), SdpParseError.INVALID_TIMING, 4),
                Arguments.of("t= with letters", sdp(V, O, S, "t=now later"), SdpParseError.INVALID_TIMING, 4),
                Arguments.of("r= before any t=", sdp(V, O, S, "r=7d 1h 0 25h", T), SdpParseError.OUT_OF_ORDER, 4),
                Arguments.of(
                        "r= after z=",
                        sdp(V, O, S, T, "z=2882844526 -1h", "r=7d 1h 0 25h"),
                        SdpParseError.OUT_OF_ORDER,
                        6),
                Arguments.of(
                        "two z= for one t=",
                        sdp(V, O, S, T, "z=2882844526 -1h", "z=2882844526 -1h"),
                        SdpParseError.DUPLICATE_LINE,
                        6),
                Arguments.of("c= after t= at session level", sdp(V, O, S, T, C), SdpParseError.OUT_OF_ORDER, 5),
                Arguments.of("t= after a=", sdp(V, O, S, T, "a=x", T), SdpParseError.OUT_OF_ORDER, 6),
                Arguments.of("two session-level c=", sdp(V, O, S, C, C, T), SdpParseError.DUPLICATE_LINE, 5),
                Arguments.of("second v=", sdp(V, O, S, V, T), SdpParseError.OUT_OF_ORDER, 4),
                Arguments.of(
                        "c= after a= in a media description",
                        sdp(V, O, S, T, M, "a=sendrecv", C),
                        SdpParseError.OUT_OF_ORDER,
                        7),
                Arguments.of(
                        "two i= in a media description",
                        sdp(V, O, S, C, T, M, "i=a", "i=b"),
                        SdpParseError.DUPLICATE_LINE,
                        8),
                Arguments.of(
                        "u= in a media description",
                        sdp(V, O, S, C, T, M, "u=http://example.com"),
                        SdpParseError.OUT_OF_ORDER,
                        7),
                Arguments.of("t= after m=", sdp(V, O, S, C, T, M, T), SdpParseError.OUT_OF_ORDER, 7),
                Arguments.of("unknown type letter", sdp(V, O, S, T, "x=something"), SdpParseError.UNKNOWN_TYPE, 5),
                Arguments.of("upper-case type letter", sdp("V=0", O, S, T), SdpParseError.MALFORMED_LINE, 1),
                Arguments.of("line without '='", sdp(V, O, S, T, "garbage"), SdpParseError.MALFORMED_LINE, 5),
                Arguments.of("space before '='", sdp(V, O, S, T, "a =x"), SdpParseError.MALFORMED_LINE, 5),
                Arguments.of("empty line between fields", sdp(V, O, "", S, T), SdpParseError.MALFORMED_LINE, 3),
                Arguments.of("a= without a name", sdp(V, O, S, T, "a="), SdpParseError.INVALID_ATTRIBUTE, 5),
                Arguments.of("a= with an empty name", sdp(V, O, S, T, "a=:value"), SdpParseError.INVALID_ATTRIBUTE, 5),
                Arguments.of(
                        "attribute name with a space",
                        sdp(V, O, S, T, "a=rtp map:0 PCMU/8000"),
                        SdpParseError.INVALID_ATTRIBUTE,
                        5),
                Arguments.of(
                        "tab inside an origin field",
                        sdp(V, "o=-\t1 1 1 IN IP4 192.0.2.1", S, T),
                        SdpParseError.INVALID_ORIGIN,
                        2),
                Arguments.of("NUL in a value", sdp(V, O, "s=a\0b", T), SdpParseError.ILLEGAL_CHARACTER, 3),
                Arguments.of("CR not followed by LF", sdp(V, O, "s=a\rb", T), SdpParseError.ILLEGAL_CHARACTER, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodyFailsWithItsErrorAndLine(String what, String sdp, SdpParseError error, int line) {
        assertFails(sdp, error, line);
    }
}
