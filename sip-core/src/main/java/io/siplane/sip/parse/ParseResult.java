package io.siplane.sip.parse;

import io.siplane.sip.message.SipMessage;

/** What {@link SipParser} made of some bytes: a message, a failure, or (on a stream) a need for more bytes. */
public sealed interface ParseResult {

    /**
     * A message.
     *
     * @param consumed bytes the message took from the input, leading CRLFs included; for a datagram every
     *     byte after the Content-Length body is discarded noise (RFC 3261 §18.3)
     */
    record Parsed(SipMessage message, int consumed) implements ParseResult {}

    /** A message that cannot be used; see {@link ParseFailure#framingIntact()} for whether to go on reading. */
    record Failed(ParseFailure failure) implements ParseResult {}

    /**
     * Stream input that ends before the message does.
     *
     * @param totalBytes total bytes the message needs from the start of the input, or -1 while the end of the
     *     header section has not been seen
     */
    record Incomplete(int totalBytes) implements ParseResult {}
}
