package io.siplane.sip.parse;

import io.siplane.sip.message.StatusCodes;

/**
 * Why a message failed to parse, with the answer RFC 3261 (and RFC 4475's guidance) gives a UAS or proxy for a
 * request that fails this way. Responses that fail are always dropped (§16.7, RFC 4475 §3.1.2.19).
 */
public enum ParseError {
    /** Nothing but CRLF or whitespace. */
    EMPTY(0),
    /** Request or status line longer than the limit. */
    START_LINE_TOO_LONG(StatusCodes.BAD_REQUEST),
    /** Request line is not {@code Method SP Request-URI SP SIP-Version}; status line not {@code SIP/2.0 SP code SP}. */
    MALFORMED_START_LINE(StatusCodes.BAD_REQUEST),
    /** A well-formed SIP-Version other than 2.0 (RFC 3261 §8.2.6, RFC 4475 §3.1.2.16: 505). */
    VERSION_NOT_SUPPORTED(StatusCodes.VERSION_NOT_SUPPORTED),
    /** Request-URI does not parse, or carries headers (§19.1.5). */
    BAD_REQUEST_URI(StatusCodes.BAD_REQUEST),
    /** Status code not three digits in 100–699 (RFC 4475 §3.1.2.19: drop). */
    BAD_STATUS_CODE(0),
    /** A header line without a colon or with a non-token name. */
    MALFORMED_HEADER(StatusCodes.BAD_REQUEST),
    /** Header section larger than the limit. */
    HEADERS_TOO_LARGE(StatusCodes.MESSAGE_TOO_LARGE),
    /** More header fields than the limit. */
    TOO_MANY_HEADERS(StatusCodes.MESSAGE_TOO_LARGE),
    /** Via, From, To, Call-ID or CSeq missing (RFC 4475 §3.3.1). */
    MISSING_HEADER(StatusCodes.BAD_REQUEST),
    /** A header the stack cannot do without is malformed or repeated (RFC 4475 §3.1.2.1, §3.3.8). */
    INVALID_HEADER(StatusCodes.BAD_REQUEST),
    /** CSeq method differs from the request method (RFC 4475 §3.1.2.17/18: 400, 501 for an unknown method). */
    CSEQ_METHOD_MISMATCH(StatusCodes.BAD_REQUEST),
    /** Content-Length not a number, negative, or given twice with different values (§18.3, RFC 4475 §3.1.2.3, §3.3.9). */
    BAD_CONTENT_LENGTH(StatusCodes.BAD_REQUEST),
    /** Datagram shorter than its Content-Length says (§18.3, RFC 4475 §3.1.2.2). */
    TRUNCATED_BODY(StatusCodes.BAD_REQUEST),
    /** Datagram ends inside the start line or a header. */
    TRUNCATED_HEADERS(StatusCodes.BAD_REQUEST),
    /** Body larger than the limit. */
    BODY_TOO_LARGE(StatusCodes.MESSAGE_TOO_LARGE);

    private final int requestStatus;

    ParseError(int requestStatus) {
        this.requestStatus = requestStatus;
    }

    /** The status to answer a (non-ACK) request that fails this way; 0 when it is to be dropped. */
    public int requestStatus() {
        return requestStatus;
    }
}
