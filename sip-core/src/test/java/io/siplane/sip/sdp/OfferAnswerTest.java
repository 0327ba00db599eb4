package io.siplane.sip.sdp;

import static io.siplane.sip.sdp.SdpFixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3264 §6 answers. Where RFC 4317 prints an answer this class can produce, the test gives Bob's codecs, address
 * and ports and expects the RFC's answer byte for byte.
 */
class OfferAnswerTest {
    private static final Codec ILBC = Codec.audio("iLBC", 8000);
    private static final Codec H261 = Codec.video("H261", 90000);
    private static final Codec MPV = Codec.video("MPV", 90000);
    private static final Origin BOB =
            new Origin("bob", "2808844564", "2808844564", "IN", "IP4", "host.biloxi.example.com");
    private static final Connection BOB_HOST = Connection.of("host.biloxi.example.com");

    /** Bob as in RFC 4317: its origin and address, s= holding one space, and these ports in m-line order. */
    private static AnswerEndpoint bob(Origin origin, Connection connection, int... ports) {
        return new AnswerEndpoint(origin, " ", connection, (index, offered) -> ports[index]);
    }

    private static AnswerEndpoint bob(int... ports) {
        return bob(BOB, BOB_HOST, ports);
    }

    private static SessionDescription offer(String... lines) {
        return SdpParser.parse(sdp(lines)).orElseThrow();
    }

    private static SessionDescription voiceOffer(String... mediaLines) {
        List<String> lines =
                new ArrayList<>(List.of("v=0", "o=alice 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0"));
        lines.addAll(List.of(mediaLines));
        return offer(lines.toArray(String[]::new));
    }

    @Test
    void rfc4317Section2_1AnswersOneAudioAndOneVideoCodec() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.1-offer.sdp"),
                AnswererCapabilities.of(Codec.PCMU, MPV),
                bob(49174, 49170));

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/2.1-answer.sdp"));
    }

    /** RFC 4317 §2.2: an audio and video offer answered audio-only, the video refused with port 0. */
    @Test
    void audioAndVideoOfferIsAnsweredAudioOnlyWithVideoPortZero() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.2-offer.sdp"),
                AnswererCapabilities.of(Codec.PCMU, Codec.PCMA),
                bob(49172, 9999));

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/2.2-answer.sdp"));
        assertThat(answer.media().get(1).isRejected()).isTrue();
    }

    /** RFC 4317 §2.2, second exchange: the offer keeps video at port 0, so must the answer (RFC 3264 §8.2). */
    @Test
    void streamDisabledInTheOfferStaysDisabledAndTheVersionMovesOn() {
        List<Integer> allocated = new ArrayList<>();
        AnswerEndpoint endpoint = new AnswerEndpoint(BOB.nextVersion(), " ", BOB_HOST, (index, offered) -> {
            allocated.add(index);
            return 49172;
        });

        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.2-second-offer.sdp"),
                AnswererCapabilities.of(Codec.PCMU, Codec.PCMA, H261),
                endpoint);

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/2.2-second-answer.sdp"));
        assertThat(allocated).containsExactly(0);
    }

    /** RFC 3264 §6.1: the offer's payload type number is used; RFC 4317 §2.3's answer renumbers 97 to 99. */
    @Test
    void answerKeepsTheOfferedDynamicPayloadTypeNumber() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.3-offer.sdp"), AnswererCapabilities.of(ILBC, H261), bob(49172, 51374));

        assertThat(answer.media().get(0).formats()).containsExactly("97");
        assertThat(answer.media().get(0).attributes()).containsExactly(Attribute.of("rtpmap", "97 iLBC/8000"));
        assertThat(answer.media().get(1).formats()).containsExactly("31");
        String rfcAnswer = SdpFixtures.text("rfc4317/2.3-answer.sdp");
        assertThat(answer.toString())
                .isEqualTo(rfcAnswer.replace("RTP/AVP 99", "RTP/AVP 97").replace(":99 ", ":97 "));
    }

    /** RFC 4317 §2.4: a telephone-event-only stream offered sendonly is accepted and answered recvonly. */
    @Test
    void sendonlyTelephoneEventStreamIsAnsweredRecvonly() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.4-offer.sdp"),
                AnswererCapabilities.of(ILBC, Codec.TELEPHONE_EVENT),
                bob(49172, 49174));

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/2.4-answer.sdp"));
    }

    /** RFC 4317 §2.6: of two audio streams, the one without a common codec is refused. */
    @Test
    void answerRejectsStreamWithNoCommonCodecByPortZero() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/2.6-offer.sdp"),
                AnswererCapabilities.of(ILBC, Codec.TELEPHONE_EVENT),
                bob(9999, 49170));

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/2.6-answer.sdp"));
    }

    /** RFC 4317 §3.1: Bob answers sendonly, holding Alice. */
    @Test
    void answererThatWantsToHoldAnswersSendonly() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/3.1-offer.sdp"),
                AnswererCapabilities.builder()
                        .codecs(List.of(ILBC))
                        .direction(Direction.SENDONLY)
                        .build(),
                bob(BOB, Connection.of("placeholder.biloxi.example.com"), 49172));

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/3.1-answer.sdp"));
    }

    /** RFC 4317 §3.2 second offer: Bob holds the audio (sendonly) and keeps receiving tones (recvonly). */
    @Test
    void heldStreamIsAnsweredRecvonlyAndRecvonlyStreamSendonly() {
        Origin alice = new Origin("alice", "2890844526", "2890844527", "IN", "IP4", "host.atlanta.example.com");
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/3.2-second-offer.sdp"),
                AnswererCapabilities.of(Codec.PCMU, ILBC, Codec.TELEPHONE_EVENT),
                bob(alice, Connection.of("host.atlanta.example.com"), 49170, 49172));

        assertThat(answer.media().get(0).formats()).containsExactly("97");
        assertThat(answer.media().get(0).direction()).contains(Direction.RECVONLY);
        assertThat(answer.media().get(1).direction()).contains(Direction.SENDONLY);
        assertThat(SdpAnswerCheck.check(SdpFixtures.parsed("rfc4317/3.2-second-offer.sdp"), answer))
                .isEmpty();
    }

    /** RFC 4317 §5.1: an offer without media gets an answer without media. */
    @Test
    void offerWithoutMediaIsAnsweredWithoutMedia() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc4317/5.1-offer.sdp"), AnswererCapabilities.of(Codec.PCMU), bob());

        assertThat(answer.toString()).isEqualTo(SdpFixtures.text("rfc4317/5.1-answer.sdp"));
    }

    @Test
    void pcmuAndPcmaWithTelephoneEventAreAnsweredInTheAnswerersOrder() {
        SessionDescription offer = voiceOffer(
                "m=audio 49170 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20");

        MediaDescription audio = OfferAnswer.answer(
                        offer, AnswererCapabilities.of(Codec.PCMA, Codec.PCMU, Codec.TELEPHONE_EVENT), bob(30000))
                .media()
                .get(0);

        assertThat(audio.formats()).containsExactly("8", "0", "101");
        assertThat(audio.attributes())
                .containsExactly(
                        Attribute.of("rtpmap", "8 PCMA/8000"),
                        Attribute.of("rtpmap", "0 PCMU/8000"),
                        Attribute.of("rtpmap", "101 telephone-event/8000"),
                        Attribute.of("fmtp", "101 0-16"));
        assertThat(audio.port()).isEqualTo(30000);
    }

    @Test
    void telephoneEventIsDroppedWhenTheAnswererLacksIt() {
        SessionDescription offer =
                voiceOffer("m=audio 49170 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000");

        MediaDescription audio = OfferAnswer.answer(offer, AnswererCapabilities.of(Codec.PCMU), bob(30000))
                .media()
                .get(0);

        assertThat(audio.formats()).containsExactly("0");
    }

    /** DTMF alone cannot carry a call's voice: a voice stream with only telephone-event in common is refused. */
    @Test
    void telephoneEventAloneDoesNotSaveAVoiceStream() {
        SessionDescription offer = voiceOffer("m=audio 49170 RTP/AVP 18 101", "a=rtpmap:101 telephone-event/8000");

        MediaDescription audio = OfferAnswer.answer(
                        offer, AnswererCapabilities.of(Codec.PCMU, Codec.TELEPHONE_EVENT), bob(30000))
                .media()
                .get(0);

        assertThat(audio.isRejected()).isTrue();
        assertThat(audio.formats()).containsExactly("18");
    }

    /** Telephone events (RFC 4733) share the clock of the voice codec they accompany. */
    @Test
    void telephoneEventIsKeptOnlyAtTheClockRateOfAChosenCodec() {
        SessionDescription webrtc = SdpFixtures.parsed("webrtc-like-offer.sdp");
        Codec events48k = Codec.audio("telephone-event", 48000);

        List<String> opusOnly = OfferAnswer.acceptableFormats(
                webrtc.media().get(0), AnswererCapabilities.of(Codec.OPUS, Codec.TELEPHONE_EVENT, events48k));
        List<String> opusAndPcmu = OfferAnswer.acceptableFormats(
                webrtc.media().get(0),
                AnswererCapabilities.of(Codec.OPUS, Codec.PCMU, Codec.TELEPHONE_EVENT, events48k));

        assertThat(opusOnly).containsExactly("111", "110");
        assertThat(opusAndPcmu).containsExactly("111", "0", "110", "126");
    }

    /** RFC 4588 (apt): a retransmission format goes with the codec it repeats. */
    @Test
    void retransmissionFormatIsKeptWithItsCodecOnly() {
        MediaDescription video =
                SdpFixtures.parsed("webrtc-like-offer.sdp").media().get(1);
        Codec rtx = Codec.video("rtx", 90000);

        assertThat(OfferAnswer.acceptableFormats(video, AnswererCapabilities.of(Codec.H264, rtx)))
                .containsExactly("102", "103");
        assertThat(OfferAnswer.acceptableFormats(video, AnswererCapabilities.of(Codec.H264)))
                .containsExactly("102");
        assertThat(OfferAnswer.acceptableFormats(video, AnswererCapabilities.of(rtx)))
                .isEmpty();
    }

    @Test
    void answeredStreamCarriesTheKeptFormatsFeedbackAndParameters() {
        SessionDescription webrtc = SdpFixtures.parsed("webrtc-like-offer.sdp");

        MediaDescription video = OfferAnswer.answer(
                        webrtc, AnswererCapabilities.of(Codec.VP8), bob(40000, 40002, 40004))
                .media()
                .get(1);

        assertThat(video.formats()).containsExactly("96");
        assertThat(video.attributes()).extracting(Attribute::name).containsOnly("rtpmap", "rtcp-fb");
        assertThat(video.attributes(Attribute.RTCP_FB)).hasSize(5);
        assertThat(video.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
    }

    /** RFC 8866 §5's example has no rtpmap for PCMU; the number alone identifies it (RFC 3551 §6). */
    @Test
    void staticPayloadTypeWithoutRtpmapIsMatchedByNumber() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc8866-section5-example.sdp"), AnswererCapabilities.of(Codec.PCMU), bob(1, 2, 3));

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(1, 2, 0);
        assertThat(answer.media().get(0).formats()).containsExactly("0");
        assertThat(answer.media().get(2).formats()).containsExactly("99");
        assertThat(answer.media().get(2).attributes()).containsExactly(Attribute.of("rtpmap", "99 h263-1998/90000"));
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmapMatchesNothing() {
        SessionDescription offer = voiceOffer("m=audio 49170 RTP/AVP 96");

        SessionDescription answer = OfferAnswer.answer(offer, AnswererCapabilities.of(Codec.PCMU), bob(30000));

        assertThat(answer.media().get(0).isRejected()).isTrue();
        assertThat(answer.hasActiveMedia()).isFalse();
    }

    @Test
    void singleCodecAnswerKeepsTheFavouriteAndTheEvents() {
        SessionDescription offer = voiceOffer("m=audio 49170 RTP/AVP 0 8 9 101", "a=rtpmap:101 telephone-event/8000");
        AnswererCapabilities oneCodec = AnswererCapabilities.builder()
                .codecs(List.of(Codec.G722, Codec.PCMA, Codec.PCMU, Codec.TELEPHONE_EVENT))
                .maxCodecsPerStream(1)
                .build();

        assertThat(OfferAnswer.answer(offer, oneCodec, bob(30000))
                        .media()
                        .get(0)
                        .formats())
                .containsExactly("9", "101");
    }

    @Test
    void unsupportedProtocolIsRejected() {
        SessionDescription offer =
                voiceOffer("m=audio 49170 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x");
        AnswererCapabilities plainRtp = AnswererCapabilities.builder()
                .codecs(List.of(Codec.PCMU))
                .protocols(Set.of("RTP/AVP"))
                .build();

        MediaDescription audio =
                OfferAnswer.answer(offer, plainRtp, bob(30000)).media().get(0);

        assertThat(audio.isRejected()).isTrue();
        assertThat(audio.protocol()).isEqualTo("RTP/SAVP");
    }

    @Test
    void streamIsRejectedWhenNoPortIsAllocated() {
        SessionDescription answer = OfferAnswer.answer(
                SdpFixtures.parsed("rfc3665-3.1-F1-invite-offer.sdp"), AnswererCapabilities.of(Codec.PCMU), bob(0));

        assertThat(answer.media().get(0).isRejected()).isTrue();
    }

    /** RFC 3264 §6.1: an inactive stream stays inactive; a session-level sendonly applies to every stream. */
    @ParameterizedTest
    @ValueSource(strings = {"inactive", "sendonly", "recvonly"})
    void directionIsAnsweredPerRfc3264(String offered) {
        SessionDescription mediaLevel = voiceOffer("m=audio 49170 RTP/AVP 0", "a=" + offered);
        SessionDescription sessionLevel = offer(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "a=" + offered,
                "m=audio 49170 RTP/AVP 0");
        Direction expected = Direction.SENDRECV.answerTo(Direction.valueOf(offered.toUpperCase(Locale.ROOT)));

        for (SessionDescription offer : List.of(mediaLevel, sessionLevel)) {
            MediaDescription audio = OfferAnswer.answer(offer, AnswererCapabilities.of(Codec.PCMU), bob(30000))
                    .media()
                    .get(0);
            assertThat(audio.direction()).contains(expected);
        }
    }

    @Test
    void answerCopiesTheOffersTiming() {
        SessionDescription offer = offer(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.1",
                "s=-",
                "c=IN IP4 192.0.2.1",
                "t=3724394400 3724398000",
                "m=audio 49170 RTP/AVP 0");

        SessionDescription answer = OfferAnswer.answer(offer, AnswererCapabilities.of(Codec.PCMU), bob(30000));

        assertThat(answer.timings()).isEqualTo(offer.timings());
    }

    @Test
    void faxStreamIsMatchedByFormatName() {
        SessionDescription offer = voiceOffer("m=image 49170 udptl t38", "a=T38FaxVersion:0");

        MediaDescription image = OfferAnswer.answer(offer, AnswererCapabilities.of(Codec.T38), bob(30000))
                .media()
                .get(0);

        assertThat(image.isRejected()).isFalse();
        assertThat(image.formats()).containsExactly("t38");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rfc4317/2.1-offer.sdp",
                "rfc4317/2.4-offer.sdp",
                "rfc4317/2.6-offer.sdp",
                "rfc4317/3.2-second-offer.sdp",
                "rfc8866-section5-example.sdp",
                "webrtc-like-offer.sdp",
                "every-line-type.sdp"
            })
    void everyAnswerBuiltPassesTheAnswerCheck(String fixture) {
        SessionDescription offer = SdpFixtures.parsed(fixture);
        AnswererCapabilities capabilities = AnswererCapabilities.of(
                Codec.OPUS, Codec.PCMA, Codec.PCMU, ILBC, Codec.TELEPHONE_EVENT, Codec.VP8, H261);

        SessionDescription answer = OfferAnswer.answer(
                offer, capabilities, AnswerEndpoint.of(BOB, BOB_HOST, (index, offered) -> 40000 + 2 * index));

        assertThat(SdpAnswerCheck.check(offer, answer)).isEmpty();
        assertThat(SdpParser.parse(answer.toString()).toOptional()).contains(answer);
    }
}
