package io.siplane.sip.sdp;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which attributes belong to one format of a media description, and which formats only accompany others. */
final class FormatAttributes {
    /** Attributes whose value starts with the format they describe (RFC 8866 §6.6, §6.15; RFC 4585 §4.2). */
    private static final Set<String> PER_FORMAT = Set.of(Attribute.RTPMAP, Attribute.FMTP, Attribute.RTCP_FB);

    /** Named telephone events (RFC 4733): DTMF sent beside the voice codec. */
    static final String TELEPHONE_EVENT = "telephone-event";

    /**
     * Encodings that carry no media of their own, only something beside a primary codec: DTMF (RFC 4733), comfort
     * noise (RFC 3389), redundancy (RFC 2198), retransmission (RFC 4588) and forward error correction (RFC 5109,
     * RFC 8627). A stream left with only these cannot carry voice or video.
     */
    private static final Set<String> AUXILIARY =
            Set.of(TELEPHONE_EVENT, "cn", "red", "rtx", "ulpfec", "flexfec", "flexfec-03");

    /**
     * Auxiliary encodings that share the timestamp clock of the codec they accompany (RFC 4733, RFC 3389, RFC 2198), so
     * are only useful at a chosen codec's clock rate.
     */
    private static final Set<String> SAME_CLOCK_AS_PRIMARY = Set.of(TELEPHONE_EVENT, "cn", "red");

    private FormatAttributes() {}

    /** The format an attribute describes, when it is one of the per-format attributes. */
    static Optional<String> formatOf(Attribute attribute) {
        for (String name : PER_FORMAT) {
            if (attribute.hasName(name)) return attribute.value().map(FormatAttributes::firstToken);
        }
        return Optional.empty();
    }

    static boolean isAuxiliary(String encodingName) {
        return AUXILIARY.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    static boolean needsPrimaryClock(String encodingName) {
        return SAME_CLOCK_AS_PRIMARY.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    static boolean isRetransmission(String encodingName) {
        return "rtx".equalsIgnoreCase(encodingName);
    }

    /** RFC 4588: {@code a=fmtp:<rtx pt> apt=<original pt>} names the payload type a retransmission format repeats. */
    static Optional<String> associatedPayloadType(MediaDescription media, String format) {
        return media.fmtp(format).flatMap(params -> {
            for (String param : params.split(";")) {
                String p = param.strip();
                if (p.regionMatches(true, 0, "apt=", 0, 4))
                    return Optional.of(p.substring(4).strip());
            }
            return Optional.empty();
        });
    }

    /**
     * Whether some of these formats of the stream is a media codec, or unknown (and so possibly one), rather than DTMF,
     * comfort noise, FEC or retransmission. Every format of a non-RTP stream counts as media.
     */
    static boolean includesMediaCodec(MediaDescription media, Collection<String> formats) {
        if (!media.isRtp()) return !formats.isEmpty();
        for (String format : formats) {
            Optional<RtpMap> codec = media.codec(format);
            if (codec.isEmpty() || !isAuxiliary(codec.get().encodingName())) return true;
        }
        return false;
    }

    /** The text before the first space (or all of it). */
    static String firstToken(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }
}
