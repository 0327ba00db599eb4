package io.siplane.sip.sdp;

/** Why {@link SdpParser} refused a body; each value names the RFC 8866 rule or the {@link SdpLimits} bound broken. */
public enum SdpParseError {
    /** No bytes, or only line breaks. */
    EMPTY("empty session description"),
    /** Over {@link SdpLimits#maxBytes()}. */
    TOO_LARGE("session description too large"),
    /** Over {@link SdpLimits#maxLines()}. */
    TOO_MANY_LINES("too many lines"),
    /** Over {@link SdpLimits#maxMediaDescriptions()}. */
    TOO_MANY_MEDIA("too many media descriptions"),
    /** RFC 8866 §5: without {@code a=charset} the text is UTF-8. */
    NOT_UTF8("not UTF-8"),
    /** RFC 8866 §5: NUL and a CR outside a CRLF may not appear. */
    ILLEGAL_CHARACTER("illegal character"),
    /** Not {@code <type>=<value>} with a lower-case letter for the type (RFC 8866 §5), or an empty line. */
    MALFORMED_LINE("malformed line"),
    /** RFC 8866 §5: a parser "MUST completely ignore or reject" a description with a type letter it does not know. */
    UNKNOWN_TYPE("unknown line type"),
    /** A required line is missing: {@code v=}, {@code o=}, {@code s=} at the start, or any {@code t=}. */
    MISSING_LINE("missing line"),
    /** RFC 8866 §5: lines "MUST appear in exactly the order given". */
    OUT_OF_ORDER("line out of order"),
    /** A line that may appear at most once at its level appears twice. */
    DUPLICATE_LINE("duplicate line"),
    /** {@code v=} other than 0 (RFC 8866 §5.1). */
    INVALID_VERSION("invalid v= line"),
    /** Not six fields, or a non-numeric session id or version (RFC 8866 §5.2). */
    INVALID_ORIGIN("invalid o= line"),
    /** Not {@code <nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). */
    INVALID_CONNECTION("invalid c= line"),
    /** Not {@code <bwtype>:<bandwidth>} (RFC 8866 §5.8). */
    INVALID_BANDWIDTH("invalid b= line"),
    /** Not {@code <start-time> <stop-time>}, or an empty {@code r=}/{@code z=} (RFC 8866 §5.9–§5.11). */
    INVALID_TIMING("invalid time description"),
    /** Not {@code <media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14). */
    INVALID_MEDIA("invalid m= line"),
    /** No attribute name (RFC 8866 §5.13). */
    INVALID_ATTRIBUTE("invalid a= line");

    private final String summary;

    SdpParseError(String summary) {
        this.summary = summary;
    }

    /** A short English description, e.g. {@code invalid m= line}. */
    public String summary() {
        return summary;
    }
}
