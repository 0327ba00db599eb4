package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that an answer fits its offer by RFC 3264 §6, e.g. before a B2BUA relays an answer it did not build, or in
 * tests of {@link OfferAnswer}. Returns what is wrong, rather than a yes or no, so that logs say why.
 *
 * <p>A payload type renumbered for the same codec (offered 97 iLBC, answered 99 iLBC) is accepted: RFC 3264 §6.1 says
 * the same number "SHOULD" be used, and RFC 4317 §2.3 shows such an answer as correct.
 */
public final class SdpAnswerCheck {
    /** The rule an answer breaks. */
    public enum Rule {
        /** RFC 3264 §6: "The answer MUST contain exactly the same number of "m=" lines as the offer." */
        MEDIA_COUNT,
        /** RFC 3264 §6: each answered stream is the offered one at its position, so of the same media type. */
        MEDIA_TYPE,
        /** RFC 3264 §6: the answered stream uses the offered transport protocol. */
        PROTOCOL,
        /** RFC 3264 §6: "The "t=" line in the answer MUST equal that of the offer." */
        TIMING,
        /** RFC 3264 §8.2: a stream the offer disables with port 0 is answered with port 0. */
        PORT_OF_DISABLED_STREAM,
        /** RFC 3264 §6.1: an accepted stream lists only formats (codecs) that were offered. */
        FORMAT_NOT_OFFERED,
        /**
         * RFC 3264 §6.1: sendonly is answered recvonly or inactive, recvonly is answered sendonly or inactive, and
         * inactive is answered inactive.
         */
        DIRECTION
    }

    /**
     * One broken rule.
     *
     * @param mediaIndex the stream's position from 0, or -1 for the session level
     */
    public record Violation(Rule rule, int mediaIndex, String detail) {
        @Override
        public String toString() {
            String where = mediaIndex < 0 ? "session" : "m-line " + mediaIndex;
            return rule + " (" + where + "): " + detail;
        }
    }

    private SdpAnswerCheck() {}

    /** The ways {@code answer} breaks RFC 3264 §6 as an answer to {@code offer}; empty when it fits. */
    public static List<Violation> check(SessionDescription offer, SessionDescription answer) {
        List<Violation> violations = new ArrayList<>();
        int offered = offer.media().size();
        int answered = answer.media().size();
        if (offered != answered) {
            violations.add(
                    new Violation(Rule.MEDIA_COUNT, -1, "offer has " + offered + " m-lines, answer " + answered));
        }
        if (!offer.timings().equals(answer.timings())) {
            violations.add(new Violation(Rule.TIMING, -1, "answer's t= differs from the offer's"));
        }
        for (int i = 0; i < Math.min(offered, answered); i++) {
            checkStream(offer, answer, i, violations);
        }
        return violations;
    }

    private static void checkStream(
            SessionDescription offer, SessionDescription answer, int i, List<Violation> violations) {
        MediaDescription o = offer.media().get(i);
        MediaDescription a = answer.media().get(i);
        if (!o.media().equalsIgnoreCase(a.media())) {
            violations.add(new Violation(Rule.MEDIA_TYPE, i, "offered " + o.media() + ", answered " + a.media()));
        }
        if (!o.protocol().equalsIgnoreCase(a.protocol())) {
            violations.add(new Violation(Rule.PROTOCOL, i, "offered " + o.protocol() + ", answered " + a.protocol()));
        }
        if (o.isRejected() && !a.isRejected()) {
            violations.add(new Violation(
                    Rule.PORT_OF_DISABLED_STREAM, i, "offered with port 0, answered with port " + a.port()));
        }
        // RFC 3264 §6: a rejected stream may list any format; only accepted ones are held to the offer's.
        if (a.isRejected()) return;
        for (String format : a.formats()) {
            formatProblem(o, a, format).ifPresent(d -> violations.add(new Violation(Rule.FORMAT_NOT_OFFERED, i, d)));
        }
        Direction offeredDirection = offer.direction(o);
        Direction answeredDirection = answer.direction(a);
        if (!answeredDirection.isValidAnswerTo(offeredDirection)) {
            violations.add(new Violation(
                    Rule.DIRECTION,
                    i,
                    "offered " + offeredDirection.attributeName() + ", answered " + answeredDirection.attributeName()));
        }
    }

    private static Optional<String> formatProblem(MediaDescription offered, MediaDescription answered, String format) {
        if (!answered.isRtp()) {
            boolean found = offered.formats().stream().anyMatch(format::equalsIgnoreCase);
            return found ? Optional.empty() : Optional.of("format " + format + " was not offered");
        }
        Optional<RtpMap> codec = answered.codec(format);
        if (offered.formats().contains(format)) {
            Optional<RtpMap> offeredCodec = offered.codec(format);
            if (codec.isPresent() && offeredCodec.isPresent() && !codec.get().sameCodecAs(offeredCodec.get())) {
                return Optional.of("payload type " + format + " is " + describe(offeredCodec.get())
                        + " in the offer but " + describe(codec.get()) + " in the answer");
            }
            return Optional.empty();
        }
        if (codec.isPresent()) {
            RtpMap c = codec.get();
            boolean offeredUnderAnotherNumber = offered.formats().stream()
                    .map(offered::codec)
                    .flatMap(Optional::stream)
                    .anyMatch(c::sameCodecAs);
            if (offeredUnderAnotherNumber) return Optional.empty();
            return Optional.of("payload type " + format + " (" + describe(c) + ") was not offered");
        }
        return Optional.of("payload type " + format + " was not offered and has no rtpmap");
    }

    private static String describe(RtpMap codec) {
        return codec.encodingName()
                + '/'
                + codec.clockRate()
                + (codec.channels().isPresent() ? "/" + codec.channels().getAsInt() : "");
    }
}
