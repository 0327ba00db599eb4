package io.siplane.sip.sdp;

import static io.siplane.sip.sdp.SdpFixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the parser reads from well-formed SDP, and the slips it tolerates. */
class SdpParserTest {

    @Test
    void rfc8866ExampleIsReadFieldByField() {
        SessionDescription sdp = SdpFixtures.parsed("rfc8866-section5-example.sdp");

        assertThat(sdp.version()).isZero();
        assertThat(sdp.origin()).isEqualTo(new Origin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"));
        assertThat(sdp.sessionName()).isEqualTo("Call to John Smith");
        assertThat(sdp.information()).contains("SDP Offer #1");
        assertThat(sdp.uri()).contains("http://www.jdoe.example.com/home.html");
        assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sdp.phones()).containsExactly("+1 617 555-6011");
        assertThat(sdp.connection()).contains(new Connection("IN", "IP4", "198.51.100.1"));
        assertThat(sdp.timings()).containsExactly(Timing.unbounded());
        assertThat(sdp.media()).extracting(MediaDescription::media).containsExactly("audio", "audio", "video");
        assertThat(sdp.media()).extracting(MediaDescription::port).containsExactly(49170, 49180, 51372);
    }

    /** RFC 8866 §5: "each audio media description behaves as if it were given a "c=IN IP4 198.51.100.1"". */
    @Test
    void mediaWithoutItsOwnConnectionUsesTheSessionLevelOne() {
        SessionDescription sdp = SdpFixtures.parsed("rfc8866-section5-example.sdp");

        assertThat(sdp.connection(sdp.media().get(0))).contains(Connection.of("198.51.100.1"));
        assertThat(sdp.connection(sdp.media().get(2))).contains(new Connection("IN", "IP6", "2001:db8::2"));
    }

    /** RFC 3551 §6: payload type 0 is PCMU/8000 even with no a=rtpmap, as in the RFC 8866 example. */
    @Test
    void staticPayloadTypeWithoutRtpmapResolvesToItsRfc3551Codec() {
        MediaDescription audio =
                SdpFixtures.parsed("rfc8866-section5-example.sdp").media().get(0);

        assertThat(audio.rtpMap("0")).isEmpty();
        assertThat(audio.codec("0")).contains(RtpMap.of(0, "PCMU", 8000));
    }

    @Test
    void everyLineTypeIsKept() {
        SessionDescription sdp = SdpFixtures.parsed("every-line-type.sdp");

        assertThat(sdp.emails()).hasSize(2);
        assertThat(sdp.connection()).contains(Connection.of("233.252.0.1/127"));
        assertThat(sdp.bandwidths()).containsExactly(new Bandwidth("CT", 256));
        assertThat(sdp.timings())
                .containsExactly(
                        new Timing(
                                3724394400L,
                                3724398000L,
                                List.of("604800 3600 0 90000", "7d 1h 0 25h"),
                                Optional.empty()),
                        new Timing(3724398000L, 3724401600L, List.of(), Optional.of("3730928400 -1h 3749680800 0")));
        assertThat(sdp.key()).contains("prompt");
        assertThat(sdp.direction()).contains(Direction.RECVONLY);
        assertThat(sdp.attributes())
                .containsExactly(
                        Attribute.property("recvonly"),
                        Attribute.of("tool", "siplane test fixture"),
                        Attribute.property("x-vendor-flag"),
                        Attribute.of("x-empty-value", ""));

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.portCount()).isEqualTo(OptionalInt.of(2));
        assertThat(audio.information()).contains("main audio");
        assertThat(audio.connections())
                .containsExactly(Connection.of("233.252.0.1/127/2"), Connection.of("233.252.0.3/127"));
        assertThat(audio.bandwidths()).containsExactly(new Bandwidth("AS", 64), new Bandwidth("TIAS", 64000));
        assertThat(audio.key()).contains("clear:not-a-real-key");
        assertThat(audio.ptime()).isEqualTo(OptionalInt.of(20));
        assertThat(audio.attribute("x-unknown-attribute").flatMap(Attribute::value))
                .contains("with: colons and  two spaces ");
        assertThat(sdp.media().get(2).isRtp()).isFalse();
        assertThat(sdp.media().get(2).formats()).containsExactly("wb");
    }

    @Test
    void propertyAttributeAndEmptyValueAttributeStayDistinct() {
        SessionDescription sdp = SdpFixtures.parsed("every-line-type.sdp");

        assertThat(sdp.attribute("x-vendor-flag").orElseThrow().isProperty()).isTrue();
        assertThat(sdp.attribute("x-empty-value").orElseThrow().isProperty()).isFalse();
        assertThat(sdp.attribute("x-empty-value").flatMap(Attribute::value)).contains("");
    }

    @Test
    void webrtcOfferExposesCodecsFormatParametersAndDirection() {
        SessionDescription sdp = SdpFixtures.parsed("webrtc-like-offer.sdp");
        MediaDescription audio = sdp.media().get(0);
        MediaDescription video = sdp.media().get(1);
        MediaDescription data = sdp.media().get(2);

        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.rtpMap("111")).contains(RtpMap.of(111, "opus", 48000, 2));
        assertThat(audio.fmtp("111")).contains("minptime=10;useinbandfec=1");
        assertThat(audio.rtpMaps()).hasSize(8);
        assertThat(sdp.direction(audio)).isEqualTo(Direction.SENDRECV);
        assertThat(audio.attributes("candidate")).hasSize(3);
        assertThat(video.fmtp("97")).contains("apt=96");
        assertThat(video.attributes(Attribute.RTCP_FB)).hasSize(7);
        assertThat(data.isRtp()).isFalse();
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        // The value of a=msid-semantic starts with a space; it is kept as written.
        assertThat(sdp.attribute("msid-semantic").flatMap(Attribute::value)).contains(" WMS stream-7f3a");
    }

    /** RFC 8866 §6.7: a media-level direction overrides the session-level one, which applies otherwise. */
    @Test
    void directionFallsBackToSessionLevelThenSendrecv() {
        SessionDescription sdp = SdpParser.parse(sdp(
                        "v=0",
                        "o=- 1 1 IN IP4 192.0.2.1",
                        "s=-",
                        "c=IN IP4 192.0.2.1",
                        "t=0 0",
                        "a=sendonly",
                        "m=audio 49170 RTP/AVP 0",
                        "m=audio 49172 RTP/AVP 0",
                        "a=inactive"))
                .orElseThrow();

        assertThat(sdp.direction(sdp.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.direction(sdp.media().get(1))).isEqualTo(Direction.INACTIVE);
        SessionDescription noDirection = SdpFixtures.parsed("rfc8866-section5-example.sdp");
        assertThat(noDirection.direction(noDirection.media().get(0))).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void sessionIdAndVersionLargerThanALongAreKeptAsWritten() {
        SessionDescription sdp = SdpParser.parse(sdp(
                        "v=0", "o=- 123456789012345678901234 18446744073709551615 IN IP4 192.0.2.1", "s=-", "t=0 0"))
                .orElseThrow();

        assertThat(sdp.origin().sessionId()).isEqualTo("123456789012345678901234");
        assertThat(sdp.origin().nextVersion().sessionVersion()).isEqualTo("18446744073709551616");
    }

    @Test
    void utf8TextInSessionNameParsesFromBytesAndRoundTrips() {
        String text = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Café ☎ 𝄞", "t=0 0");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        SessionDescription sdp = SdpParser.parse(bytes).orElseThrow();

        assertThat(sdp.sessionName()).isEqualTo("Café ☎ 𝄞");
        assertThat(SdpSerializer.encode(sdp)).isEqualTo(bytes);
    }

    @Test
    void descriptionWithoutMediaIsValid() {
        SessionDescription sdp = SdpFixtures.parsed("rfc4317/5.1-offer.sdp");

        assertThat(sdp.media()).isEmpty();
        assertThat(sdp.hasActiveMedia()).isFalse();
    }

    @Test
    void runsOfSpacesBetweenFieldsAreToleratedAndWrittenAsOne() {
        SessionDescription sdp = SdpParser.parse(sdp(
                        "v=0",
                        "o=-  1 1 IN IP4  192.0.2.1 ",
                        "s=-",
                        "c=IN  IP4 192.0.2.1",
                        "t=0  0",
                        "m=audio  49170 RTP/AVP 0 8 "))
                .orElseThrow();

        assertThat(sdp.media().get(0).formats()).containsExactly("0", "8");
        assertThat(sdp.toString())
                .isEqualTo(sdp(
                        "v=0",
                        "o=- 1 1 IN IP4 192.0.2.1",
                        "s=-",
                        "c=IN IP4 192.0.2.1",
                        "t=0 0",
                        "m=audio 49170 RTP/AVP 0 8"));
    }

    @Test
    void missingFinalLineEndAndTrailingEmptyLinesAreTolerated() {
        String base = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0";

        assertThat(SdpParser.parse(base).isSuccess()).isTrue();
        assertThat(SdpParser.parse(base + "\r\n\r\n\r\n").isSuccess()).isTrue();
        assertThat(SdpParser.parse(base + "\n\n").orElseThrow().toString()).isEqualTo(base + "\r\n");
    }

    @Test
    void emptySessionNameIsAccepted() {
        assertThat(SdpParser.parse(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=", "t=0 0"))
                        .orElseThrow()
                        .sessionName())
                .isEmpty();
    }

    @Test
    void rfc3665ReinviteCarriesTheIncrementedVersionOfTheSameSession() {
        SessionDescription first = SdpFixtures.parsed("rfc3665-3.6-F12-ack-answer.sdp");
        SessionDescription reinvite = SdpFixtures.parsed("rfc3665-3.7-F9-reinvite-offer.sdp");
        SessionDescription bob = SdpFixtures.parsed("rfc3665-3.1-F3-200-answer.sdp");

        assertThat(reinvite.origin().sessionVersion()).isEqualTo("2890844528");
        assertThat(bob.origin().nextVersion().sessionVersion()).isEqualTo("2890844528");
        assertThat(first.origin().sameSessionAs(reinvite.origin())).isFalse();
    }
}
