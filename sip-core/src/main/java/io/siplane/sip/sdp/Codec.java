package io.siplane.sip.sdp;

import java.util.Locale;

/**
 * A codec an answerer supports, by media type, encoding name, clock rate and channels: what identifies a codec in SDP
 * regardless of the payload type number it is given (RFC 8866 §6.6, RFC 3264 §6.1).
 *
 * <p>For non-RTP streams, whose formats are names rather than payload types (e.g. {@code m=image 0 udptl t38}), use
 * {@link #named(String, String)}: the format itself is then compared with the encoding name.
 */
public record Codec(String mediaType, String encodingName, int clockRate, int channels) {
    public static final Codec PCMU = audio("PCMU", 8000);
    public static final Codec PCMA = audio("PCMA", 8000);
    /** RFC 3551 §4.5.2: G722's RTP clock rate is 8000. */
    public static final Codec G722 = audio("G722", 8000);

    public static final Codec G729 = audio("G729", 8000);
    /** RFC 7587: opus is always written {@code opus/48000/2} in SDP, whatever it actually carries. */
    public static final Codec OPUS = audio("opus", 48000, 2);
    /** DTMF and other named events (RFC 4733), at the narrowband clock. */
    public static final Codec TELEPHONE_EVENT = audio(FormatAttributes.TELEPHONE_EVENT, 8000);

    public static final Codec H264 = video("H264", 90000);
    public static final Codec VP8 = video("VP8", 90000);
    /** Fax over UDPTL (ITU-T T.38 Annex D): {@code m=image <port> udptl t38}. */
    public static final Codec T38 = named("image", "t38");

    public Codec {
        SdpText.token(mediaType, "media type");
        SdpText.token(encodingName, "encoding name");
        if (clockRate < 0) throw new IllegalArgumentException("negative clock rate");
        if (channels < 1) throw new IllegalArgumentException("channels must be positive");
    }

    public static Codec audio(String encodingName, int clockRate) {
        return new Codec("audio", encodingName, clockRate, 1);
    }

    public static Codec audio(String encodingName, int clockRate, int channels) {
        return new Codec("audio", encodingName, clockRate, channels);
    }

    public static Codec video(String encodingName, int clockRate) {
        return new Codec("video", encodingName, clockRate, 1);
    }

    /** A format of a non-RTP stream, matched by name; the clock rate is 0. */
    public static Codec named(String mediaType, String formatName) {
        return new Codec(mediaType, formatName, 0, 1);
    }

    /** Whether an RTP format of a stream of {@code streamMediaType} described by {@code rtpMap} is this codec. */
    public boolean matches(String streamMediaType, RtpMap rtpMap) {
        return mediaType.equalsIgnoreCase(streamMediaType)
                && encodingName.equalsIgnoreCase(rtpMap.encodingName())
                && clockRate == rtpMap.clockRate()
                && channels == rtpMap.channelCount();
    }

    /** Whether a non-RTP format (a name such as {@code t38}) of a stream of {@code streamMediaType} is this codec. */
    public boolean matchesName(String streamMediaType, String format) {
        return clockRate == 0 && mediaType.equalsIgnoreCase(streamMediaType) && encodingName.equalsIgnoreCase(format);
    }

    /** DTMF, comfort noise, redundancy, retransmission or FEC: formats that carry no media of their own. */
    public boolean isAuxiliary() {
        return FormatAttributes.isAuxiliary(encodingName);
    }

    @Override
    public String toString() {
        String base = mediaType.toLowerCase(Locale.ROOT) + ' ' + encodingName;
        if (clockRate == 0) return base;
        return channels == 1 ? base + '/' + clockRate : base + '/' + clockRate + '/' + channels;
    }
}
