package io.siplane.sip.parse;

/**
 * Size limits of the parser and decoders. Each breach fails the message with its own {@link ParseError}
 * before more input is buffered, so a peer cannot make the stack hold unbounded memory.
 *
 * @param maxStartLineBytes request or status line, without CRLF
 * @param maxHeaderBytes the whole header section, folded lines included
 * @param maxHeaderCount header fields (lines, not list elements)
 * @param maxBodyBytes the body as announced by Content-Length
 * @param maxDatagramBytes one UDP datagram (RFC 3261 §18.1.1 keeps requests under the path MTU; a datagram
 *     cannot exceed 65,507 bytes of payload over IPv4)
 */
public record SipParserLimits(
        int maxStartLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes, int maxDatagramBytes) {
    public static final int DEFAULT_MAX_START_LINE_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 256;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 65_535;

    public static final SipParserLimits DEFAULTS = new SipParserLimits(
            DEFAULT_MAX_START_LINE_BYTES,
            DEFAULT_MAX_HEADER_BYTES,
            DEFAULT_MAX_HEADER_COUNT,
            DEFAULT_MAX_BODY_BYTES,
            DEFAULT_MAX_DATAGRAM_BYTES);

    public SipParserLimits {
        if (maxStartLineBytes < 32
                || maxHeaderBytes < 64
                || maxHeaderCount < 8
                || maxBodyBytes < 0
                || maxDatagramBytes < 512) {
            throw new IllegalArgumentException("parser limits too small to carry a SIP message");
        }
    }

    /** The largest message a stream decoder may ever need to buffer under these limits. */
    public int maxMessageBytes() {
        return maxStartLineBytes + 2 + maxHeaderBytes + 2 + maxBodyBytes;
    }
}
