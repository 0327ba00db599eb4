package io.siplane.sip.sdp;

import java.util.Map;
import java.util.Optional;

/**
 * The static RTP payload types of RFC 3551 §6 (Tables 4 and 5), which an offer may use without an {@code a=rtpmap}
 * line: their meaning is fixed, so SDP (RFC 8866 §6.6) lets an offer leave the mapping out.
 *
 * <p>Numbers 96–127 are dynamic and mean nothing without an {@code a=rtpmap}. Numbers RFC 3551 leaves unassigned, or
 * reserved, have no entry here.
 */
public final class StaticPayloadTypes {
    /** The first dynamic payload type (RFC 3551 §6). */
    public static final int FIRST_DYNAMIC = 96;

    private static final Map<Integer, RtpMap> TABLE = Map.ofEntries(
            entry(RtpMap.of(0, "PCMU", 8000)),
            entry(RtpMap.of(3, "GSM", 8000)),
            entry(RtpMap.of(4, "G723", 8000)),
            entry(RtpMap.of(5, "DVI4", 8000)),
            entry(RtpMap.of(6, "DVI4", 16000)),
            entry(RtpMap.of(7, "LPC", 8000)),
            entry(RtpMap.of(8, "PCMA", 8000)),
            // RFC 3551 §4.5.2: G722's RTP clock rate is 8000 although it samples at 16000.
            entry(RtpMap.of(9, "G722", 8000)),
            entry(RtpMap.of(10, "L16", 44100, 2)),
            entry(RtpMap.of(11, "L16", 44100)),
            entry(RtpMap.of(12, "QCELP", 8000)),
            entry(RtpMap.of(13, "CN", 8000)),
            entry(RtpMap.of(14, "MPA", 90000)),
            entry(RtpMap.of(15, "G728", 8000)),
            entry(RtpMap.of(16, "DVI4", 11025)),
            entry(RtpMap.of(17, "DVI4", 22050)),
            entry(RtpMap.of(18, "G729", 8000)),
            entry(RtpMap.of(25, "CelB", 90000)),
            entry(RtpMap.of(26, "JPEG", 90000)),
            entry(RtpMap.of(28, "nv", 90000)),
            entry(RtpMap.of(31, "H261", 90000)),
            entry(RtpMap.of(32, "MPV", 90000)),
            entry(RtpMap.of(33, "MP2T", 90000)),
            entry(RtpMap.of(34, "H263", 90000)));

    private StaticPayloadTypes() {}

    /** The codec RFC 3551 assigns to {@code payloadType}, if it is a static type with an assignment. */
    public static Optional<RtpMap> lookup(int payloadType) {
        return Optional.ofNullable(TABLE.get(payloadType));
    }

    public static boolean isDynamic(int payloadType) {
        return payloadType >= FIRST_DYNAMIC && payloadType <= RtpMap.MAX_PAYLOAD_TYPE;
    }

    private static Map.Entry<Integer, RtpMap> entry(RtpMap rtpMap) {
        return Map.entry(rtpMap.payloadType(), rtpMap);
    }
}
