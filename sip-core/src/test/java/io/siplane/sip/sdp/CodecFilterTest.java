package io.siplane.sip.sdp;

import static io.siplane.sip.sdp.SdpFixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A B2BUA's codec policy on relayed SDP: what goes, what stays, and that nothing else changes. */
class CodecFilterTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    private static SessionDescription parse(String... mediaLines) {
        return SdpParser.parse(HEAD + sdp(mediaLines)).orElseThrow();
    }

    private static final SessionDescription CARRIER_OFFER = parse(
            "m=audio 49170 RTP/AVP 0 8 18 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:18 G729/8000",
            "a=fmtp:18 annexb=no",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv");

    @Test
    void allowListKeepsOnlyListedCodecsWithTheirAttributes() {
        SessionDescription filtered =
                CodecFilter.allow("PCMA", "telephone-event").apply(CARRIER_OFFER);

        assertThat(filtered.toString())
                .isEqualTo(HEAD
                        + sdp(
                                "m=audio 49170 RTP/AVP 8 101",
                                "a=rtpmap:8 PCMA/8000",
                                "a=rtpmap:101 telephone-event/8000",
                                "a=fmtp:101 0-16",
                                "a=ptime:20",
                                "a=sendrecv"));
    }

    @Test
    void denyListRemovesAStaticPayloadTypeWithoutRtpmapByItsNumber() {
        SessionDescription offer = parse("m=audio 49170 RTP/AVP 18 0 8", "a=ptime:20");

        SessionDescription filtered = CodecFilter.deny("g729").apply(offer);

        assertThat(filtered.media().get(0).formats()).containsExactly("0", "8");
        assertThat(filtered.media().get(0).attributes()).containsExactly(Attribute.of("ptime", "20"));
    }

    @Test
    void streamWithNoCodecLeftIsDisabledWithOneFormatKept() {
        SessionDescription filtered = CodecFilter.allow("G722").apply(CARRIER_OFFER);

        MediaDescription audio = filtered.media().get(0);
        assertThat(audio.port()).isZero();
        assertThat(audio.formats()).containsExactly("0");
        assertThat(audio.attributes())
                .containsExactly(
                        Attribute.of("rtpmap", "0 PCMU/8000"),
                        Attribute.of("ptime", "20"),
                        Attribute.property("sendrecv"));
        assertThat(SdpParser.parse(filtered.toString()).isSuccess()).isTrue();
    }

    @Test
    void streamLeftWithOnlyTelephoneEventIsDisabled() {
        SessionDescription filtered = CodecFilter.deny("PCMU", "PCMA", "G729").apply(CARRIER_OFFER);

        assertThat(filtered.media().get(0).isRejected()).isTrue();
    }

    /** RFC 4588 (apt): removing VP8 takes its rtx format 97 along, and every line of both. */
    @Test
    void removingACodecRemovesItsRetransmissionFormatToo() {
        SessionDescription webrtc = SdpFixtures.parsed("webrtc-like-offer.sdp");

        MediaDescription video = CodecFilter.deny("VP8").apply(webrtc).media().get(1);

        assertThat(video.formats()).containsExactly("98", "99", "102", "103", "108");
        assertThat(video.attributes()).noneMatch(a -> a.value().orElse("").startsWith("96 "));
        assertThat(video.attributes()).noneMatch(a -> a.value().orElse("").startsWith("97 "));
        assertThat(video.attributes("ssrc-group")).hasSize(1);
    }

    @Test
    void webrtcAllowListKeepsOpusAndItsEvents() {
        SessionDescription webrtc = SdpFixtures.parsed("webrtc-like-offer.sdp");

        SessionDescription filtered =
                CodecFilter.allow("opus", "telephone-event/48000", "VP8", "rtx").apply(webrtc);

        assertThat(filtered.media().get(0).formats()).containsExactly("111", "110");
        assertThat(filtered.media().get(0).attributes(Attribute.RTPMAP)).hasSize(2);
        assertThat(filtered.media().get(1).formats()).containsExactly("96", "97");
        // The data channel is not RTP and "webrtc-datachannel" is not listed: it is disabled.
        assertThat(filtered.media().get(2).isRejected()).isTrue();
        assertThat(filtered.media().get(0).attributes("candidate")).hasSize(3);
    }

    @Test
    void clockRateNarrowsAnEntry() {
        SessionDescription webrtc = SdpFixtures.parsed("webrtc-like-offer.sdp");

        MediaDescription audio =
                CodecFilter.deny("telephone-event/48000").apply(webrtc).media().get(0);

        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "126");
    }

    @Test
    void descriptionWithNothingToRemoveIsReturnedUnchanged() {
        SessionDescription offer = SdpFixtures.parsed("rfc3665-3.1-F1-invite-offer.sdp");

        assertThat(CodecFilter.deny("G729").apply(offer)).isSameAs(offer);
        assertThat(CodecFilter.allow("PCMU").apply(offer)).isSameAs(offer);
    }

    @Test
    void alreadyDisabledStreamIsLeftAlone() {
        SessionDescription offer = parse("m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000");

        assertThat(CodecFilter.allow("PCMU").apply(offer)).isSameAs(offer);
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmapIsRemovedByAllowListAndKeptByDenyList() {
        SessionDescription offer = parse("m=audio 49170 RTP/AVP 0 96");

        assertThat(CodecFilter.allow("PCMU").apply(offer).media().get(0).formats())
                .containsExactly("0");
        assertThat(CodecFilter.deny("PCMA").apply(offer).media().get(0).formats())
                .containsExactly("0", "96");
    }

    @Test
    void faxStreamIsFilteredByFormatName() {
        SessionDescription offer = parse("m=image 49170 udptl t38", "a=T38FaxVersion:0");

        assertThat(CodecFilter.deny("T38").apply(offer).media().get(0).isRejected())
                .isTrue();
        assertThat(CodecFilter.deny("PCMU").apply(offer)).isSameAs(offer);
    }

    /** A filter read from configuration: the mode by name and a list of entries. */
    @Test
    void filterIsBuiltFromNamedConfigurationValues() {
        CodecFilter filter = CodecFilter.of(CodecFilter.Mode.valueOf("ALLOW"), List.of(" PCMA ", "opus/48000/2"));

        assertThat(filter.mode()).isEqualTo(CodecFilter.Mode.ALLOW);
        assertThat(filter.codecs()).containsExactly("PCMA", "opus/48000/2");
        assertThat(filter.apply(CARRIER_OFFER).media().get(0).formats()).containsExactly("8");
    }

    @Test
    void malformedEntryFailsAtConfigurationTime() {
        assertThatThrownBy(() -> CodecFilter.allow("opus/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodecFilter.allow("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodecFilter.deny("a/1/2/3")).isInstanceOf(IllegalArgumentException.class);
    }
}
