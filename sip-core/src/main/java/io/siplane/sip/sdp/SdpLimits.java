package io.siplane.sip.sdp;

/**
 * Bounds on the work {@link SdpParser} does for one body, so that a hostile peer cannot make a relay parse megabytes.
 * Each breach is its own {@link SdpParseError}.
 *
 * @param maxBytes the largest body accepted, in octets (UTF-8 octets for text input)
 * @param maxLines the most lines accepted
 * @param maxMediaDescriptions the most {@code m=} lines accepted
 */
public record SdpLimits(int maxBytes, int maxLines, int maxMediaDescriptions) {
    /**
     * 64 KiB: voice offers are a few hundred octets; a WebRTC offer with many streams and ICE candidates can reach tens
     * of kilobytes.
     */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    /** 2048 lines: room for the WebRTC case above at about 30 octets a line. */
    public static final int DEFAULT_MAX_LINES = 2048;

    /** 64 streams: far above what a call uses, low enough to bound answer building. */
    public static final int DEFAULT_MAX_MEDIA_DESCRIPTIONS = 64;

    public static final SdpLimits DEFAULT =
            new SdpLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES, DEFAULT_MAX_MEDIA_DESCRIPTIONS);

    public SdpLimits {
        if (maxBytes < 1 || maxLines < 1 || maxMediaDescriptions < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
