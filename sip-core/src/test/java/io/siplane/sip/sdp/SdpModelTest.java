package io.siplane.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types and builders: their RFC rules, and that nothing can be built that would not write as SDP. */
class SdpModelTest {

    @Test
    void nextVersionIncrementsOnlyTheVersion() {
        Origin origin = new Origin("alice", "2890844526", "2890844526", "IN", "IP4", "host.atlanta.example.com");

        Origin next = origin.nextVersion();

        assertThat(next.sessionVersion()).isEqualTo("2890844527");
        assertThat(next.sameSessionAs(origin)).isTrue();
        assertThat(next.toString()).isEqualTo("alice 2890844526 2890844527 IN IP4 host.atlanta.example.com");
    }

    @Test
    void originAndConnectionPickTheAddressTypeFromTheAddress() {
        assertThat(Origin.of("-", 1, 2, "192.0.2.1").addressType()).isEqualTo("IP4");
        assertThat(Connection.of("2001:db8::1").addressType()).isEqualTo("IP6");
        assertThat(Connection.of("0.0.0.0").isUnspecifiedIp4()).isTrue();
        assertThat(Connection.of("192.0.2.1").isUnspecifiedIp4()).isFalse();
    }

    /** RFC 3264 §6.1 answers, as (offered, wanted by the answerer, answered). */
    @ParameterizedTest(name = "offered {0}, wanted {1}: answer {2}")
    @CsvSource({
        "SENDRECV, SENDRECV, SENDRECV",
        "SENDRECV, SENDONLY, SENDONLY",
        "SENDRECV, RECVONLY, RECVONLY",
        "SENDRECV, INACTIVE, INACTIVE",
        "SENDONLY, SENDRECV, RECVONLY",
        "SENDONLY, SENDONLY, INACTIVE",
        "SENDONLY, RECVONLY, RECVONLY",
        "RECVONLY, SENDRECV, SENDONLY",
        "RECVONLY, RECVONLY, INACTIVE",
        "INACTIVE, SENDRECV, INACTIVE"
    })
    void directionAnswersFollowRfc3264(Direction offered, Direction wanted, Direction answered) {
        assertThat(wanted.answerTo(offered)).isEqualTo(answered);
        assertThat(answered.isValidAnswerTo(offered)).isTrue();
    }

    @Test
    void sendonlyMayNotBeAnsweredWithSendingDirections() {
        assertThat(Direction.SENDRECV.isValidAnswerTo(Direction.SENDONLY)).isFalse();
        assertThat(Direction.SENDONLY.isValidAnswerTo(Direction.SENDONLY)).isFalse();
        assertThat(Direction.RECVONLY.isValidAnswerTo(Direction.RECVONLY)).isFalse();
        assertThat(Direction.SENDRECV.isValidAnswerTo(Direction.INACTIVE)).isFalse();
    }

    @Test
    void rtpmapParsesChannelsAndComparesCodecsWithoutPayloadTypeOrCase() {
        RtpMap opus = RtpMap.parse("111 opus/48000/2").orElseThrow();

        assertThat(opus).isEqualTo(RtpMap.of(111, "opus", 48000, 2));
        assertThat(opus.toAttributeValue()).isEqualTo("111 opus/48000/2");
        assertThat(RtpMap.parse("0 PCMU/8000").orElseThrow().channels()).isEqualTo(OptionalInt.empty());
        assertThat(RtpMap.of(97, "iLBC", 8000).sameCodecAs(RtpMap.of(99, "ILBC", 8000, 1)))
                .isTrue();
        assertThat(RtpMap.of(97, "opus", 48000, 2).sameCodecAs(RtpMap.of(97, "opus", 48000)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "96",
                "96 ",
                "x opus/48000",
                "128 opus/48000",
                "96 opus",
                "96 opus/x",
                "96 opus/0",
                "96 opus/48000/0",
                "96 opus/48000/2/1",
                "96 /8000"
            })
    void malformedRtpmapValuesAreNotParsed(String value) {
        assertThat(RtpMap.parse(value)).isEmpty();
    }

    @Test
    void staticPayloadTypesFollowRfc3551() {
        assertThat(StaticPayloadTypes.lookup(0)).contains(RtpMap.of(0, "PCMU", 8000));
        assertThat(StaticPayloadTypes.lookup(8)).contains(RtpMap.of(8, "PCMA", 8000));
        assertThat(StaticPayloadTypes.lookup(9)).contains(RtpMap.of(9, "G722", 8000));
        assertThat(StaticPayloadTypes.lookup(18)).contains(RtpMap.of(18, "G729", 8000));
        assertThat(StaticPayloadTypes.lookup(2)).isEmpty();
        assertThat(StaticPayloadTypes.lookup(96)).isEmpty();
        assertThat(StaticPayloadTypes.isDynamic(96)).isTrue();
        assertThat(StaticPayloadTypes.isDynamic(95)).isFalse();
    }

    /** A B2BUA copies values between legs; a CR or LF in one must not become an extra SDP line. */
    @Test
    void valuesThatWouldInjectLinesAreRefused() {
        assertThatThrownBy(() -> Attribute.of("x", "1\r\na=injected")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.property("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Connection.of("192.0.2.1\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.builder()
                        .origin(Origin.of("-", 1, 1, "192.0.2.1"))
                        .sessionName("a\nb")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audio().addFormat("0 8").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediaDescriptionNeedsAFormatAndAPortInRange() {
        assertThatThrownBy(() -> MediaDescription.builder()
                        .media("audio")
                        .port(1)
                        .protocol("RTP/AVP")
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> audio().port(65536).addFormat("0").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderDefaultsToUnboundedTimingAndDashSessionName() {
        SessionDescription sdp = SessionDescription.builder()
                .origin(Origin.of("-", 1, 1, "192.0.2.1"))
                .build();

        assertThat(sdp.toString()).isEqualTo("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
    }

    @Test
    void settingTheDirectionReplacesTheExistingAttributeInPlace() {
        MediaDescription held = audio()
                .addFormat("0")
                .addAttribute(Attribute.of("rtpmap", "0 PCMU/8000"))
                .addAttribute(Attribute.property("sendrecv"))
                .addAttribute(Attribute.of("ptime", "20"))
                .addAttribute(Attribute.property("inactive"))
                .build()
                .toBuilder()
                .direction(Direction.SENDONLY)
                .build();

        assertThat(held.attributes())
                .containsExactly(
                        Attribute.of("rtpmap", "0 PCMU/8000"),
                        Attribute.property("sendonly"),
                        Attribute.of("ptime", "20"));
        assertThat(held.direction()).contains(Direction.SENDONLY);
        assertThat(audio().addFormat("0").direction(Direction.INACTIVE).build().attributes())
                .containsExactly(Attribute.property("inactive"));
    }

    @Test
    void attributeLookupIgnoresCase() {
        MediaDescription m = audio().addFormat("0")
                .addAttribute(Attribute.property("SendOnly"))
                .build();

        assertThat(m.direction()).contains(Direction.SENDONLY);
        assertThat(m.hasAttribute("sendonly")).isTrue();
        assertThat(m.attributes()).containsExactly(Attribute.property("SendOnly"));
    }

    @Test
    void mediaDescriptionWritesItsOwnSection() {
        MediaDescription m = audio().formats(List.of("0", "101"))
                .addAttribute(Attribute.of("rtpmap", "101 telephone-event/8000"))
                .build();

        assertThat(m.toString()).isEqualTo("m=audio 49170 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
    }

    private static MediaDescription.Builder audio() {
        return MediaDescription.builder().media("audio").port(49170).protocol("RTP/AVP");
    }
}
