package io.siplane.sip.sdp;

import static io.siplane.sip.sdp.SdpFixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.siplane.sip.sdp.SdpAnswerCheck.Rule;
import io.siplane.sip.sdp.SdpAnswerCheck.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3264 §6 checks on an answer against its offer. */
class SdpAnswerCheckTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
    private static final SessionDescription OFFER =
            parse("m=audio 49170 RTP/AVP 0 8 97", "a=rtpmap:97 iLBC/8000", "m=video 51372 RTP/AVP 31", "a=sendonly");

    private static SessionDescription parse(String... mediaLines) {
        return SdpParser.parse(HEAD + sdp(mediaLines)).orElseThrow();
    }

    private static List<Rule> rules(SessionDescription offer, SessionDescription answer) {
        return SdpAnswerCheck.check(offer, answer).stream().map(Violation::rule).toList();
    }

    @ParameterizedTest(name = "RFC 4317 §{0}")
    @CsvSource({"2.1, ", "2.2, ", "2.2, second-", "2.3, ", "2.4, ", "2.6, ", "3.1, ", "5.1, "})
    void rfc4317AnswersFitTheirOffers(String section, String exchange) {
        String prefix = "rfc4317/" + section + "-" + (exchange == null ? "" : exchange);
        SessionDescription offer = SdpFixtures.parsed(prefix + "offer.sdp");
        SessionDescription answer = SdpFixtures.parsed(prefix + "answer.sdp");

        assertThat(SdpAnswerCheck.check(offer, answer)).isEmpty();
    }

    /**
     * RFC 4317 §3.2's second answer, as printed, repeats Alice's first offer: it lists PCMU, which Bob's second offer
     * no longer has, and leaves the stream Bob put on sendonly at sendrecv; RFC 3264 §6.1 forbids both.
     */
    @Test
    void rfc4317Section3_2SecondAnswerAsPrintedBreaksRfc3264() {
        List<Violation> violations = SdpAnswerCheck.check(
                SdpFixtures.parsed("rfc4317/3.2-second-offer.sdp"),
                SdpFixtures.parsed("rfc4317/3.2-second-answer.sdp"));

        assertThat(violations)
                .extracting(Violation::rule, Violation::mediaIndex)
                .containsExactly(tuple(Rule.FORMAT_NOT_OFFERED, 0), tuple(Rule.DIRECTION, 0));
        assertThat(violations.get(1).toString()).isEqualTo("DIRECTION (m-line 0): offered sendonly, answered sendrecv");
    }

    @Test
    void answerWithFewerMediaLinesIsReported() {
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 0");

        assertThat(rules(OFFER, answer)).containsExactly(Rule.MEDIA_COUNT);
    }

    @Test
    void codecThatWasNotOfferedIsReported() {
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 18", "m=video 0 RTP/AVP 31");

        assertThat(SdpAnswerCheck.check(OFFER, answer)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.FORMAT_NOT_OFFERED);
            assertThat(v.detail()).isEqualTo("payload type 18 (G729/8000) was not offered");
        });
    }

    @Test
    void offeredNumberReusedForAnotherCodecIsReported() {
        SessionDescription answer =
                parse("m=audio 4000 RTP/AVP 97", "a=rtpmap:97 opus/48000/2", "m=video 0 RTP/AVP 31");

        assertThat(SdpAnswerCheck.check(OFFER, answer).get(0).detail())
                .isEqualTo("payload type 97 is iLBC/8000 in the offer but opus/48000/2 in the answer");
    }

    @Test
    void unknownDynamicTypeInAnswerIsReported() {
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 120", "m=video 0 RTP/AVP 31");

        assertThat(rules(OFFER, answer)).containsExactly(Rule.FORMAT_NOT_OFFERED);
    }

    @Test
    void rejectedStreamMayListAnyFormat() {
        SessionDescription answer = parse("m=audio 0 RTP/AVP 18", "m=video 0 RTP/AVP 34");

        assertThat(SdpAnswerCheck.check(OFFER, answer)).isEmpty();
    }

    @Test
    void sendonlyStreamAnsweredSendonlyIsReported() {
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 0", "m=video 5000 RTP/AVP 31", "a=sendonly");

        assertThat(rules(OFFER, answer)).containsExactly(Rule.DIRECTION);
    }

    @Test
    void sendonlyStreamAnsweredWithoutDirectionIsReportedAsSendrecv() {
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 0", "m=video 5000 RTP/AVP 31");

        assertThat(SdpAnswerCheck.check(OFFER, answer).get(0).detail())
                .isEqualTo("offered sendonly, answered sendrecv");
    }

    @Test
    void disabledStreamAnsweredWithAPortIsReported() {
        SessionDescription offer = parse("m=audio 0 RTP/AVP 0");
        SessionDescription answer = parse("m=audio 4000 RTP/AVP 0");

        assertThat(rules(offer, answer)).containsExactly(Rule.PORT_OF_DISABLED_STREAM);
    }

    @Test
    void changedMediaTypeProtocolAndTimingAreReported() {
        SessionDescription offer = parse("m=audio 49170 RTP/AVP 0");
        SessionDescription answer = SdpParser.parse(
                        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=1 2\r\n"
                                + "m=video 4000 RTP/SAVP 0\r\n")
                .orElseThrow();

        assertThat(rules(offer, answer)).containsExactly(Rule.TIMING, Rule.MEDIA_TYPE, Rule.PROTOCOL);
    }
}
