package io.siplane.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8866 §5 order and CRLF line ends: what is parsed is written back unchanged, so a relay alters nothing. */
class SdpRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.siplane.sip.sdp.SdpFixtures#all")
    void serializingAParsedBodyGivesBackTheSameBytes(String fixture) {
        byte[] original = SdpFixtures.bytes(fixture);

        SdpParseResult result = SdpParser.parse(original);

        assertThat(result.isSuccess()).as(result.toString()).isTrue();
        assertThat(SdpSerializer.encode(result.orElseThrow())).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.siplane.sip.sdp.SdpFixtures#all")
    void lfOnlyLineEndsAreAcceptedAndWrittenBackAsCrlf(String fixture) {
        String crlf = SdpFixtures.text(fixture);
        String lf = crlf.replace("\r\n", "\n");

        SessionDescription parsed = SdpParser.parse(lf).orElseThrow();

        assertThat(SdpSerializer.serialize(parsed)).isEqualTo(crlf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.siplane.sip.sdp.SdpFixtures#all")
    void textAndBytesParseToEqualDescriptionsThatSurviveASecondRoundTrip(String fixture) {
        SessionDescription fromBytes =
                SdpParser.parse(SdpFixtures.bytes(fixture)).orElseThrow();
        SessionDescription fromText = SdpParser.parse(SdpFixtures.text(fixture)).orElseThrow();

        assertThat(fromText).isEqualTo(fromBytes);
        assertThat(SdpParser.parse(fromText.toString()).orElseThrow()).isEqualTo(fromText);
        assertThat(fromText.toBuilder().build()).isEqualTo(fromText);
    }

    /** The corpus messages' Content-Length counts CRLF line ends; the fixtures must match it exactly. */
    @ParameterizedTest(name = "{0} is {1} octets")
    @CsvSource({
        "rfc3665-3.1-F1-invite-offer.sdp, 151",
        "rfc3665-3.1-F3-200-answer.sdp, 147",
        "rfc3665-3.5-F2-invite-offer-via-alg.sdp, 150",
        "rfc3665-3.6-F12-ack-answer.sdp, 151",
        "rfc3665-3.7-F9-reinvite-offer.sdp, 149",
        "rfc3665-3.7-F10-200-answer.sdp, 150"
    })
    void corpusBodiesAreAsLongAsTheContentLengthOfTheirMessage(String fixture, int contentLength) {
        assertThat(SdpFixtures.bytes(fixture)).hasSize(contentLength);
        assertThat(SdpFixtures.bytes(fixture).length)
                .isEqualTo(SdpParser.parse(SdpFixtures.bytes(fixture))
                        .orElseThrow()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8)
                        .length);
    }
}
