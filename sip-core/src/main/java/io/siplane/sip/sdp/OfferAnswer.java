package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an answer to an offer by the rules of RFC 3264 §6: the answerer's side of the offer/answer model.
 *
 * <ul>
 *   <li>One {@code m=} line per offered stream, in the same order and with the same media type and protocol (§6).
 *   <li>A stream is rejected with port 0 (§6) when the offer already disables it (§8.2), when its protocol is not
 *       supported, when no media codec is common, or when the port allocator declines it. A rejected stream keeps the
 *       offer's first format and its {@code a=rtpmap}, since an {@code m=} line needs one (RFC 3264 §6, RFC 4317
 *       §2.2).
 *   <li>The formats are the intersection, listed in the answerer's order of preference, with the offer's payload type
 *       numbers (§6.1: "that same payload type number SHOULD be used"). A format without {@code a=rtpmap} is matched
 *       by its RFC 3551 static assignment ({@link StaticPayloadTypes}).
 *   <li>telephone-event (RFC 4733) and comfort noise are kept when both sides support them and their clock rate is
 *       that of a chosen codec; a stream that offers only telephone-event is answered with it (RFC 4317 §2.4).
 *       Retransmission formats are kept when the format their {@code apt} names is (RFC 4588). Such formats alone
 *       never make a stream acceptable when the offer had media codecs.
 *   <li>The direction is the offer's, seen from the answerer and narrowed to what it wants (§6.1):
 *       {@link Direction#answerTo(Direction)}. sendrecv is left implicit; any other direction is written.
 *   <li>{@code t=} is copied from the offer (§6: it "MUST equal that of the offer").
 * </ul>
 *
 * <p>The answer's streams carry the kept formats' {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines as
 * offered, and the direction. Everything else the answerer needs (ptime, crypto, ICE, T.38 parameters) is its to
 * add through {@link MediaDescription#toBuilder()}: this class negotiates codecs, not transports.
 */
public final class OfferAnswer {
    private OfferAnswer() {}

    public static SessionDescription answer(
            SessionDescription offer, AnswererCapabilities capabilities, AnswerEndpoint endpoint) {
        SessionDescription.Builder answer = SessionDescription.builder()
                .origin(endpoint.origin())
                .sessionName(endpoint.sessionName())
                .connection(endpoint.connection())
                .timings(offer.timings());
        List<MediaDescription> streams = offer.media();
        for (int i = 0; i < streams.size(); i++) {
            answer.addMedia(answerStream(offer, i, capabilities, endpoint));
        }
        return answer.build();
    }

    /**
     * The offered formats the answerer accepts in this stream, in the order the answer lists them; empty when the
     * stream must be rejected for want of a common codec.
     */
    public static List<String> acceptableFormats(MediaDescription offered, AnswererCapabilities capabilities) {
        List<Codec> codecs = capabilities.codecs().stream()
                .filter(c -> c.mediaType().equalsIgnoreCase(offered.media()))
                .toList();
        Set<String> primary = new LinkedHashSet<>();
        for (Codec codec : codecs) {
            if (codec.isAuxiliary()) continue;
            for (String format : offered.formats()) {
                if (primary.size() < capabilities.maxCodecsPerStream() && matches(codec, offered, format)) {
                    primary.add(format);
                }
            }
        }
        if (primary.isEmpty() && FormatAttributes.includesMediaCodec(offered, offered.formats())) return List.of();
        Set<Integer> primaryClocks = new LinkedHashSet<>();
        primary.forEach(f -> offered.codec(f).ifPresent(c -> primaryClocks.add(c.clockRate())));

        List<String> accepted = new ArrayList<>(primary);
        for (String format : offered.formats()) {
            Optional<RtpMap> codec = offered.codec(format);
            if (codec.isEmpty() || !FormatAttributes.isAuxiliary(codec.get().encodingName())) continue;
            if (codecs.stream().noneMatch(c -> matches(c, offered, format))) continue;
            String name = codec.get().encodingName();
            boolean keep;
            if (FormatAttributes.isRetransmission(name)) {
                keep = FormatAttributes.associatedPayloadType(offered, format)
                        .filter(primary::contains)
                        .isPresent();
            } else if (FormatAttributes.needsPrimaryClock(name)) {
                keep = primary.isEmpty() || primaryClocks.contains(codec.get().clockRate());
            } else {
                keep = !primary.isEmpty();
            }
            if (keep && !accepted.contains(format)) accepted.add(format);
        }
        return accepted;
    }

    /**
     * The answer to a stream the answerer rejects: port 0, same media type and protocol, the offer's first format
     * with its {@code a=rtpmap} if it had one (RFC 3264 §6; RFC 4317 §2.2 and §2.6 show this form).
     */
    public static MediaDescription reject(MediaDescription offered) {
        String format = offered.formats().get(0);
        MediaDescription.Builder rejected = MediaDescription.builder()
                .media(offered.media())
                .port(MediaDescription.REJECTED_PORT)
                .protocol(offered.protocol())
                .addFormat(format);
        offered.attributes(Attribute.RTPMAP).stream()
                .filter(a -> FormatAttributes.formatOf(a).filter(format::equals).isPresent())
                .findFirst()
                .ifPresent(rejected::addAttribute);
        return rejected.build();
    }

    private static MediaDescription answerStream(
            SessionDescription offer, int index, AnswererCapabilities capabilities, AnswerEndpoint endpoint) {
        MediaDescription offered = offer.media().get(index);
        // RFC 3264 §8.2: a stream the offer disables stays disabled in the answer.
        if (offered.isRejected() || !capabilities.supportsProtocol(offered.protocol())) return reject(offered);
        List<String> formats = acceptableFormats(offered, capabilities);
        if (formats.isEmpty()) return reject(offered);
        int port = endpoint.ports().portFor(index, offered);
        if (port == MediaDescription.REJECTED_PORT) return reject(offered);

        MediaDescription.Builder answer = MediaDescription.builder()
                .media(offered.media())
                .port(port)
                .protocol(offered.protocol())
                .formats(formats);
        // Each kept format's lines together, in the answer's format order, then the wildcard feedback lines.
        for (String format : formats) {
            for (Attribute a : offered.attributes()) {
                if (FormatAttributes.formatOf(a).filter(format::equals).isPresent()) answer.addAttribute(a);
            }
        }
        for (Attribute a : offered.attributes(Attribute.RTCP_FB)) {
            if (FormatAttributes.formatOf(a).filter("*"::equals).isPresent()) answer.addAttribute(a);
        }
        Direction direction = capabilities.direction().answerTo(offer.direction(offered));
        if (direction != Direction.SENDRECV) answer.addAttribute(direction.toAttribute());
        return answer.build();
    }

    private static boolean matches(Codec codec, MediaDescription offered, String format) {
        if (!offered.isRtp()) return codec.matchesName(offered.media(), format);
        return offered.codec(format)
                .filter(c -> codec.matches(offered.media(), c))
                .isPresent();
    }
}
