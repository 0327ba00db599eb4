package io.siplane.sip.sdp;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value of an {@code a=rtpmap} attribute (RFC 8866 §6.6):
 * {@code <payload type> <encoding name>/<clock rate>[/<encoding parameters>]}.
 *
 * <p>For audio the encoding parameters are the number of channels, one when absent (RFC 8866 §6.6). For other media
 * they are rarely used; a non-numeric value makes the attribute unparseable here, and it is then kept only as text.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, OptionalInt channels) {
    /** RTP payload types are seven bits (RFC 3550 §5.1). */
    public static final int MAX_PAYLOAD_TYPE = 127;

    public RtpMap {
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        SdpText.token(encodingName, "encoding name");
        if (encodingName.indexOf('/') >= 0) throw new IllegalArgumentException("encoding name contains '/'");
        if (clockRate <= 0) throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        if (channels.isPresent() && channels.getAsInt() <= 0) {
            throw new IllegalArgumentException("channels must be positive: " + channels.getAsInt());
        }
    }

    public static RtpMap of(int payloadType, String encodingName, int clockRate) {
        return new RtpMap(payloadType, encodingName, clockRate, OptionalInt.empty());
    }

    public static RtpMap of(int payloadType, String encodingName, int clockRate, int channels) {
        return new RtpMap(payloadType, encodingName, clockRate, OptionalInt.of(channels));
    }

    /** Parses an attribute value such as {@code 96 opus/48000/2}; empty when it does not fit the grammar. */
    public static Optional<RtpMap> parse(String attributeValue) {
        int space = attributeValue.indexOf(' ');
        if (space <= 0) return Optional.empty();
        int payloadType = smallNumber(attributeValue.substring(0, space));
        String encoding = attributeValue.substring(space + 1).strip();
        String[] parts = encoding.split("/", -1);
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE || parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        if (parts[0].isEmpty() || parts[0].indexOf(' ') >= 0) return Optional.empty();
        int clockRate = smallNumber(parts[1]);
        int channels = parts.length == 3 ? smallNumber(parts[2]) : 1;
        if (clockRate <= 0 || channels <= 0) return Optional.empty();
        OptionalInt ch = parts.length == 3 ? OptionalInt.of(channels) : OptionalInt.empty();
        return Optional.of(new RtpMap(payloadType, parts[0], clockRate, ch));
    }

    /** The channel count, one when absent (RFC 8866 §6.6). */
    public int channelCount() {
        return channels.orElse(1);
    }

    /**
     * Whether both name the same codec: encoding names compare without case (they are media subtype names, RFC 4855
     * §3), the clock rates and channel counts are equal. The payload type does not matter (RFC 3264 §6.1 lets an
     * answer use another number for the same codec).
     */
    public boolean sameCodecAs(RtpMap other) {
        return encodingName.equalsIgnoreCase(other.encodingName)
                && clockRate == other.clockRate
                && channelCount() == other.channelCount();
    }

    /** The attribute value, as written after {@code a=rtpmap:}. */
    public String toAttributeValue() {
        String base = payloadType + " " + encodingName + '/' + clockRate;
        return channels.isPresent() ? base + '/' + channels.getAsInt() : base;
    }

    public Attribute toAttribute() {
        return Attribute.of(Attribute.RTPMAP, toAttributeValue());
    }

    /** A non-negative decimal below ten million, or -1: enough for payload types, clock rates and channel counts. */
    static int smallNumber(String s) {
        if (s.isEmpty() || s.length() > 7) return -1;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
